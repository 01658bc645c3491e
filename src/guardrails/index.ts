export { type AskJudge, createGuardJudge, type GuardJudge, parseVerdict } from "./attacks/judge.js";
export {
  DEFAULT_PHONE_REGIONS,
  type GuardrailsConfig,
  type GuardrailsConfigInput,
  guardrailsConfigSchema,
} from "./config.js";
export { createGuardrails } from "./create-guardrails.js";
export { strictestAction } from "./policy.js";
export { PlaceholderBook, redactText } from "./redact.js";
export {
  type AttackOpinion,
  type ChatText,
  CONTENT_SOURCES,
  type ContentSource,
  type Direction,
  type Finding,
  GUARDRAIL_ACTIONS,
  GUARDRAIL_KINDS,
  type GuardrailAction,
  type GuardrailKind,
  type Guardrails,
  type GuardrailsCheck,
  type GuardrailsCheckInput,
  type JudgeVerdict,
  messageSource,
  type SourcedText,
} from "./types.js";
