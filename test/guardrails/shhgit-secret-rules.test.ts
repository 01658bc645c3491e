import { describe } from "vitest";
import { hex } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Rules ported by hand from shhgit (src/guardrails/shhgit-secret-rules.ts). Values are drawn at test
// time (fake-values.ts) and checked by ported-rule-cases.ts.
const uuid = (seed: number) =>
  `${hex(8, seed)}-${hex(4, seed + 1)}-${hex(4, seed + 2)}-${hex(4, seed + 3)}-${hex(12, seed + 4)}`;

describe("the rules ported from shhgit", () => {
  const webhook = `outlook.office.com/webhook/${uuid(20)}@${uuid(30)}/IncomingWebhook/${hex(32, 40)}/${uuid(50)}`;
  const cases: PortedRuleCase[] = [
    [
      "shhgit.codeclimate",
      hex(64, 1),
      (secret) => `"codeclimate": "${secret}"`,
      `"codeclimate": "${hex(63, 1)}"`,
    ],
    [
      "shhgit.sauce",
      uuid(2),
      (secret) => `sauce connect -u ci-bot -k ${secret} --tunnel-name build`,
      `the sauce recipe card, v${hex(8, 2)}-${hex(4, 3)}`,
    ],
    [
      "shhgit.hockeyapp",
      hex(32, 10),
      (secret) => `HOCKEYAPP_TOKEN=${secret}`,
      `HOCKEY_APP_ID=${hex(32, 10)}`,
    ],
    [
      "shhgit.outlook-webhook",
      webhook,
      (secret) => `TEAMS_WEBHOOK_URL=https://${secret}`,
      // The team's ids without the connector's path post nothing.
      `https://outlook.office.com/webhook/${uuid(20)}@${uuid(30)}`,
    ],
  ];

  checkPortedRules(cases);
});
