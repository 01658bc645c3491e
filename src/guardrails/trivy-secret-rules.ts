import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

/**
 * Rules ported by hand from Trivy's built-in secret rules (github.com/aquasecurity/trivy@dc3c56e,
 * pkg/fanal/secret/builtin-rules.go, Apache-2.0; see licenses/ and NOTICE), for the two token formats
 * of its rules whose test files (pkg/fanal/secret/testdata/) modelmux did not find; Trivy's other rules
 * are gitleaks' or find what modelmux already finds. Trivy's unbounded `+` is bounded here.
 */
export const TRIVY_SECRET_RULES: SecretPatternRule[] = [
  {
    id: "trivy.openai-service-api-key",
    type: "openai_key",
    keywords: ["sk-service-"],
    pattern: `${START}sk-service-[A-Za-z0-9-]{1,64}-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}${END}`,
    score: 0.97,
    source: "trivy pkg/fanal/secret/builtin-rules.go (openai-service-api-key)",
  },
  {
    id: "trivy.openai-realtime-client-secret",
    type: "openai_realtime_client_secret",
    keywords: ["ek_"],
    pattern: `${START}ek_[a-f0-9]{32}${END}`,
    score: 0.85,
    minEntropy: 3,
    source: "trivy pkg/fanal/secret/builtin-rules.go (openai-realtime-client-secret)",
  },
];
