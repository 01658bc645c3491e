import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { authoredPhoneLines, authoredSpanLines } from "../../scripts/guardrails/authored-pii-lines.js";
import { credSweeperLines } from "../../scripts/guardrails/extract-credsweeper.js";
import { ducklingLines } from "../../scripts/guardrails/extract-duckling.js";
import { fakerPhoneLines } from "../../scripts/guardrails/extract-faker-phones.js";
import { ipRegexTestLines } from "../../scripts/guardrails/extract-ip-regex.js";
import { labelledSourceLines } from "../../scripts/guardrails/extract-labelled-lines.js";
import { libphonenumberMatcherLines } from "../../scripts/guardrails/extract-libphonenumber.js";
import {
  dedupeLines,
  detectSecretsLines,
  dropTestLinesSeenInDev,
  gitleaksLines,
  noseyParkerLines,
  type PytestCases,
  presidioResearchLines,
  presidioTestLines,
  recognizersTextLines,
} from "../../scripts/guardrails/extract-pii-secret.js";
import { ripsecretsLines } from "../../scripts/guardrails/extract-ripsecrets.js";
import { velesLines } from "../../scripts/guardrails/extract-veles.js";
import { whispersLines } from "../../scripts/guardrails/extract-whispers.js";
import { extractGoRuleSamples, readGoHelpers } from "../../scripts/guardrails/go-samples.js";
import { sampleRegex } from "../../scripts/guardrails/regex-sample.js";
import { mixedBit, mulberry32 } from "../../scripts/guardrails/seeded-random.js";
import { alnum } from "./fake-values.js";

// The held-out PII/secret corpus's extractors, on small files written here in each source's format.
const context = { source: "fixture", split: "dev" as const, licence: "MIT" };

const PYTEST_FILE = `
import pytest
from random import randint

SECRET = 'Zq81' + 'xY'
UNREAD = str(randint(0, 9))
KEYWORD_TEST_CASES = [
    ('token = "{}"'.format(SECRET), SECRET),
    ('token = ""', None),
    (str(randint(0, 9)), None),
]
OTHER_TEST_CASES = [
    ('beta', 'seen as a secret here'),
]


class TestThing:
    @pytest.mark.parametrize(
        'payload, should_flag',
        [
            ('alpha ' + SECRET, True),
            ('beta', False),
            (randint(1, 2), True),
        ],
    )
    def test_analyze(self, payload, should_flag):
        pass

    @pytest.mark.parametrize('content, expected_output', [('user = bob', ['bob'])])
    def test_find_account(self, content, expected_output):
        pass


@pytest.mark.parametrize(
    "text, expected_len, expected_positions, expected_score_ranges",
    [
        ("mail %s" % "a@b.io", 1, ((5, 11),), ((0.6, 0.81),),),
        ("weak 078051121", 1, ((5, 14),), ((0.0, 0.4),),),
        (f"nothing {SECRET}", 0, (), (),),
    ],
)
def test_when_all_found(text, expected_len, expected_positions, expected_score_ranges):
    pass
`;

function parsePytest(source: string): PytestCases & { skipped: number } {
  const script = join(import.meta.dirname, "../../scripts/guardrails/extract-pytest-cases.py");
  return JSON.parse(execFileSync("python3", [script], { input: source }).toString("utf8"));
}

describe("pytest parametrize extraction (parsed, never run)", () => {
  const cases = parsePytest(PYTEST_FILE);

  it("evaluates literals, names, concatenation, % and format, and skips what it cannot read", () => {
    expect(cases.groups.map((group) => [group.function, group.params, group.rows])).toEqual([
      [
        "test_analyze",
        ["payload", "should_flag"],
        [
          ["alpha Zq81xY", true],
          ["beta", false],
        ],
      ],
      ["test_find_account", ["content", "expected_output"], [["user = bob", ["bob"]]]],
      [
        "test_when_all_found",
        ["text", "expected_len", "expected_positions", "expected_score_ranges"],
        [
          ["mail a@b.io", 1, [[5, 11]], [[0.6, 0.81]]],
          ["weak 078051121", 1, [[5, 14]], [[0, 0.4]]],
          ["nothing Zq81xY", 0, [], []],
        ],
      ],
    ]);
    expect(cases.lists).toEqual({
      KEYWORD_TEST_CASES: [
        ['token = "Zq81xY"', "Zq81xY"],
        ['token = ""', null],
      ],
      OTHER_TEST_CASES: [["beta", "seen as a secret here"]],
    });
    expect(cases.skipped).toBe(2);
  });

  it("labels presidio cases by expected count and leaves out matches presidio scores under 0.5", () => {
    const lines = presidioTestLines(cases, "EMAIL_ADDRESS", true, "test_email.py", context);
    expect(lines.map((line) => [line.text, line.positive, line.types, line.excluded])).toEqual([
      ["mail a@b.io", true, ["EMAIL_ADDRESS"], undefined],
      ["weak 078051121", true, ["EMAIL_ADDRESS"], "weak"],
      ["nothing Zq81xY", false, [], undefined],
    ]);
    const unclaimed = presidioTestLines(cases, "MAC_ADDRESS", false, "test_mac.py", context);
    expect(unclaimed.map((line) => [line.text, line.positive, line.unclaimed])).toEqual([
      ["mail a@b.io", false, ["MAC_ADDRESS"]],
      ["weak 078051121", false, ["MAC_ADDRESS"]],
    ]);
  });

  it("labels detect-secrets cases by should_flag and case lists, and marks texts labelled both ways", () => {
    const lines = detectSecretsLines(cases, "keyword", "secret", "keyword_test.py", context);
    expect(lines.map((line) => [line.text, line.positive, line.excluded])).toEqual([
      ["alpha Zq81xY", true, undefined],
      ["beta", false, "conflict"],
      ['token = "Zq81xY"', true, undefined],
      ['token = ""', false, undefined],
    ]);
  });

  it("leaves out helpers' tests, and marks weak a no that speaks of syntax or of one vendor's format", () => {
    const secret = "m{{h}o)p$#thisone}}";
    const keyword = detectSecretsLines(
      {
        groups: [],
        lists: {
          CONFIG_TEST_CASES: [[`apikey = ${secret}`, secret]],
          COMMON_C_TEST_CASES: [
            [`api_key = '${secret}';`, null],
            ['password = "somefakekey"', null],
          ],
        },
      },
      "keyword",
      "secret",
      "keyword_test.py",
      context,
    );
    expect(keyword.map((line) => [line.text, line.positive, line.excluded])).toEqual([
      [`apikey = ${secret}`, true, undefined],
      [`api_key = '${secret}';`, false, "weak"],
      ['password = "somefakekey"', false, undefined],
    ]);
    const vendor = detectSecretsLines(
      {
        groups: [
          {
            function: "test_analyze_string",
            params: ["payload", "should_flag"],
            rows: [
              ['"secret_access_key": "1234567890abcdef1234567890abcdefextra"', false],
              ["testAKCwithinsomeirrelevantstring", false],
              ["secret_access_key=1234567890abcdef", true],
            ],
          },
          {
            function: "test_get_secret_access_key",
            params: ["content", "expected_output"],
            rows: [["some_function(wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY)", ["wJalrXUtnFEMI"]]],
          },
        ],
        lists: {},
      },
      "ibm_cos_hmac",
      "secret",
      "ibm_cos_hmac_test.py",
      context,
    );
    expect(vendor.map((line) => [line.text, line.positive, line.excluded])).toEqual([
      ['"secret_access_key": "1234567890abcdef1234567890abcdefextra"', false, "weak"],
      ["testAKCwithinsomeirrelevantstring", false, undefined],
      ["secret_access_key=1234567890abcdef", true, undefined],
    ]);
  });
});

describe("presidio-research synthetic sentences", () => {
  it("scores claimed types and lists the others as unclaimed", () => {
    const lines = presidioResearchLines(
      [
        {
          full_text: "Ann Lee's email is ann@lee.io",
          spans: [
            { entity_type: "PERSON", start_position: 0, end_position: 7 },
            { entity_type: "EMAIL_ADDRESS", start_position: 19, end_position: 29 },
          ],
        },
        {
          full_text: "Ann Lee lives in Oslo",
          spans: [{ entity_type: "PERSON", start_position: 0, end_position: 7 }],
        },
      ],
      { EMAIL_ADDRESS: "email" },
      context,
    );
    expect(lines.map((line) => [line.positive, line.types, line.unclaimed, line.spans])).toEqual([
      [true, ["EMAIL_ADDRESS"], ["PERSON"], [["EMAIL_ADDRESS", 19, 29]]],
      [false, [], ["PERSON"], []],
    ]);
  });
});

describe("Recognizers-Text sequence specs", () => {
  const claimed = { phonenumber: "phone", ip: "ipv4/ipv6" };
  const cases = [
    { Input: "call 555 0100 now", Results: [{ TypeName: "phonenumber", Text: "555 0100" }] },
    {
      Input: "fax 555 0101, 555 0102",
      NotSupported: "java",
      Results: [
        { TypeName: "phonenumber", Text: "555 0101", Start: 4, End: 11 },
        { TypeName: "phonenumber", Text: "555 0102" },
      ],
    },
    { Input: "version 1.2.3.4", Results: [] },
    {
      Input: "电话 555 0103",
      NotSupported: "dotnet, java",
      NotSupportedByDesign: "javascript,python",
      Results: [{ TypeName: "phonenumber", Text: "555 0103" }],
    },
    { Input: "normalised 5550104", Results: [{ TypeName: "phonenumber", Text: "555 0104" }] },
  ];

  it("labels a case by the spec file's type, scores only that type, and keeps the language", () => {
    const lines = recognizersTextLines(
      cases,
      "phonenumber",
      claimed,
      "English",
      "PhoneNumberModel.json",
      context,
    );
    expect(lines.map((line) => [line.text, line.positive, line.types, line.spans, line.excluded])).toEqual([
      ["call 555 0100 now", true, ["phonenumber"], [["phonenumber", 5, 13]], undefined],
      [
        "fax 555 0101, 555 0102",
        true,
        ["phonenumber"],
        [
          ["phonenumber", 4, 12],
          ["phonenumber", 14, 22],
        ],
        undefined,
      ],
      ["version 1.2.3.4", false, [], [], undefined],
      ["电话 555 0103", true, ["phonenumber"], [["phonenumber", 3, 11]], "unsupported"],
      ["normalised 5550104", true, ["phonenumber"], [], undefined],
    ]);
    expect(new Set(lines.map((line) => `${line.language} ${line.scoredTypes?.join(",")}`))).toEqual(
      new Set(["English phone"]),
    );
    const ips = recognizersTextLines(
      cases.slice(2, 3),
      "ip",
      claimed,
      "English",
      "IpAddressModel.json",
      context,
    );
    expect(ips[0]?.scoredTypes).toEqual(["ipv4", "ipv6"]);
  });

  it("refuses a spec type that `claimed` does not map", () => {
    expect(() => recognizersTextLines(cases, "guid", claimed, "English", "GUIDModel.json", context)).toThrow(
      /guid is not mapped/,
    );
  });

  it("keeps the same text apart when two specs score different types in it", () => {
    const phone = recognizersTextLines(
      cases.slice(2, 3),
      "phonenumber",
      claimed,
      "English",
      "P.json",
      context,
    );
    const ip = recognizersTextLines(
      [{ Input: "version 1.2.3.4", Results: [{ TypeName: "ip", Text: "1.2.3.4" }] }],
      "ip",
      claimed,
      "English",
      "I.json",
      context,
    );
    expect(dedupeLines([...phone, ...ip]).map((line) => [line.positive, line.excluded])).toEqual([
      [false, undefined],
      [true, undefined],
    ]);
  });
});

const GENERATE_GO = `package utils
func GenerateSampleSecrets(identifier string, secret string) []string {
	samples := map[string]string{
		// Configuration
		"ini - unquoted": "{i}Token={s}",
		// TODO: "xml": "<{i}>{s}</{i}>",
		"make": "{I}_TOKEN = \\"{s}\\"",
	}
	return nil
}`;
const PATTERNS_GO = `package utils
func Hex(size string) string {
	return fmt.Sprintf(\`[a-f0-9]{%s}\`, size)
}`;
const RULE_GO = `package rules
func Demo() *config.Rule {
	r := config.Rule{RuleID: "demo", Keywords: []string{"dm_"}}
	secret := secrets.NewSecret(utils.Hex("12"))
	tps := utils.GenerateSampleSecrets("demo", "dm_"+secret)
	tps = append(tps, \`plain dm_0123456789ab\`,
		"quoted \\"dm_ab\\"")
	fps := []string{
		"dm_xxxxxxxxxxxx", // a placeholder
		fmt.Sprintf("dm_%s", "zz"),
	}
	return utils.Validate(r, tps, fps)
}`;

describe("gitleaks rule samples (Go, evaluated without a toolchain)", () => {
  it("reads the sample templates and pattern helpers from gitleaks' utils", () => {
    const helpers = readGoHelpers(GENERATE_GO, PATTERNS_GO);
    expect(helpers.templates).toEqual(["{i}Token={s}", '{I}_TOKEN = "{s}"']);
    expect([...helpers.patterns]).toEqual([["Hex", "[a-f0-9]{%s}"]]);
  });

  it("evaluates tps and fps: generated secrets, templates, append, and counts what it cannot read", () => {
    const helpers = readGoHelpers(GENERATE_GO, PATTERNS_GO);
    const { rules, skipped } = extractGoRuleSamples(RULE_GO, helpers, mulberry32(7));
    expect(skipped).toBe(1);
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule?.rule).toBe("Demo");
    expect(rule?.negatives).toEqual(["dm_xxxxxxxxxxxx"]);
    const [ini, make, plain, quoted] = rule?.positives ?? [];
    expect(ini).toMatch(/^demoToken=dm_[a-f0-9]{12}$/);
    expect(make).toBe(`DEMO_TOKEN = "${ini?.slice("demoToken=".length)}"`);
    expect([plain, quoted]).toEqual(["plain dm_0123456789ab", 'quoted "dm_ab"']);
    const lines = gitleaksLines(rules, "demo.go", context);
    expect(lines.map((line) => [line.positive, line.types])).toEqual([
      [true, ["Demo"]],
      [true, ["Demo"]],
      [true, ["Demo"]],
      [true, ["Demo"]],
      [false, []],
    ]);
  });

  it("marks a text that one rule lists as a true and another as a false positive", () => {
    const lines = dedupeLines(
      gitleaksLines(
        [
          { rule: "A", positives: ["k = v1"], negatives: [] },
          { rule: "B", positives: [], negatives: ["k = v1"] },
        ],
        "x.go",
        context,
      ),
    );
    expect(lines.map((line) => [line.text, line.excluded])).toEqual([["k = v1", "conflict"]]);
  });
});

const NOSEY_PARKER_YML = `rules:

- name: Demo API Key
  id: np.demo.1
  pattern: '\\b(dm_[a-z0-9]{12})\\b'
  categories: [api, secret]
  examples:
  - 'DEMO_KEY=dm_0123456789ab'
  - |
      client = Demo(
          key="dm_ba9876543210",
      )
  negative_examples:
  - 'DEMO_KEY=dm_xxxxxxxxxxxx'

- name: Demo Account ID
  id: np.demo.2
  pattern: '\\b(dma_[0-9]{8})\\b'
  categories: [api, identifier]
  examples:
  - 'account: dma_12345678'

- name: Demo Password Hash
  id: np.demo.3
  pattern: '\\$dm\\$[a-z0-9]{10}'
  categories: [hashed, secret]
  examples: ['hash = $dm$abcdef0123']
  non_examples: ['hash = $dm$']
`;

describe("Nosey Parker rule examples (YAML)", () => {
  it("reads examples as positives typed by rule name, negatives too, and only rules of the secret category", () => {
    const lines = noseyParkerLines(NOSEY_PARKER_YML, "demo.yml", context);
    expect(lines.map((line) => [line.text, line.positive, line.types, line.evaluates, line.origin])).toEqual([
      ["DEMO_KEY=dm_0123456789ab", true, ["Demo API Key"], "secret", "demo.yml Demo API Key"],
      [
        'client = Demo(\n    key="dm_ba9876543210",\n)\n',
        true,
        ["Demo API Key"],
        "secret",
        "demo.yml Demo API Key",
      ],
      ["DEMO_KEY=dm_xxxxxxxxxxxx", false, [], "secret", "demo.yml Demo API Key"],
      ["hash = $dm$abcdef0123", true, ["Demo Password Hash"], "secret", "demo.yml Demo Password Hash"],
      ["hash = $dm$", false, [], "secret", "demo.yml Demo Password Hash"],
    ]);
  });

  it("reads the rules a `keep` predicate chooses, as for Kingfisher's files of the same shape", () => {
    const lines = noseyParkerLines(NOSEY_PARKER_YML, "demo.yml", context, (rule) => rule.id === "np.demo.2");
    expect(lines.map((line) => [line.text, line.positive, line.types])).toEqual([
      ["account: dma_12345678", true, ["Demo Account ID"]],
    ]);
  });

  it("refuses a file without a rules list", () => {
    expect(() => noseyParkerLines("name: x\n", "bad.yml", context)).toThrow(/bad.yml: no `rules` list/);
  });
});

describe("held-out lines", () => {
  it("drops a test line whose text is a dev or train line of the same kind, and counts it per source", () => {
    const line = (
      text: string,
      split: "train" | "dev" | "test",
      evaluates: "pii" | "secret",
      source: string,
    ) => ({
      text,
      evaluates,
      positive: true,
      types: ["t"],
      unclaimed: [],
      source,
      split,
      licence: "MIT",
      origin: "o",
    });
    const { lines, dropped } = dropTestLinesSeenInDev([
      line("key = dm_0123456789ab", "dev", "secret", "a"),
      line("key = dm_0123456789ab", "test", "secret", "b"),
      line("key = dm_0123456789ab", "test", "pii", "b"),
      line("other = dm_ba9876543210", "test", "secret", "b"),
      line("ported = dm_1111222233334444", "train", "secret", "c"),
      line("ported = dm_1111222233334444", "test", "secret", "b"),
    ]);
    expect(lines.map((kept) => [kept.split, kept.evaluates, kept.text])).toEqual([
      ["dev", "secret", "key = dm_0123456789ab"],
      ["test", "pii", "key = dm_0123456789ab"],
      ["test", "secret", "other = dm_ba9876543210"],
      ["train", "secret", "ported = dm_1111222233334444"],
    ]);
    expect([...dropped]).toEqual([["b", 2]]);
  });
});

describe("regex samples (gitleaks' secrets.NewSecret)", () => {
  const patterns = [
    "[a-z0-9]{36}",
    "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
    "(?:sk|rk)_(?:test|live)_[a-zA-Z0-9]{10,20}",
    "fm1[ar]_[a-zA-Z0-9+\\/]{10,}={0,3}",
    "\\d{5,16}:A[a-z0-9_\\-]{34}",
    "ops_eyJ[^\\s]{4}x?",
  ];
  it.each(patterns)("draws strings that match %s", (pattern) => {
    const random = mulberry32(3);
    for (let draw = 0; draw < 25; draw++)
      expect(sampleRegex(pattern, random)).toMatch(new RegExp(`^(?:${pattern})$`));
  });
  it("ignores inline flags and refuses syntax it does not know", () => {
    expect(sampleRegex("(?i)[a-z]{3}", mulberry32(1))).toMatch(/^[a-z]{3}$/);
    expect(() => sampleRegex("a(?=b)", mulberry32(1))).toThrow(/unsupported group/);
    expect(() => sampleRegex("\\p{L}", mulberry32(1))).toThrow(/unsupported escape/);
  });
});

describe("authored phone lines", () => {
  const file = "# comment\nP|ru|RU|Мой телефон +7 912 345-67-89\n\nN|de|-|PLZ 10115 Berlin | Mitte\n";

  it("scores a positive on phone findings only, a negative on any PII finding, and names the language", () => {
    const [positive, negative] = authoredPhoneLines(file, "pii-phone-dev.txt", context);
    expect(positive).toMatchObject({
      text: "Мой телефон +7 912 345-67-89",
      positive: true,
      types: ["PHONE_NUMBER"],
      scoredTypes: ["phone"],
      language: "Russian",
      split: "dev",
      origin: "pii-phone-dev.txt:2 RU",
    });
    expect(negative).toMatchObject({ text: "PLZ 10115 Berlin | Mitte", positive: false, types: [] });
    expect(negative?.scoredTypes).toBeUndefined();
  });

  it("refuses a row without a known language, or a positive without its region", () => {
    expect(() => authoredPhoneLines("P|xx|RU|+7 912 345-67-89", "f.txt", context)).toThrow(/f\.txt:1/);
    expect(() => authoredPhoneLines("P|ru|-|+7 912 345-67-89", "f.txt", context)).toThrow(/expected/);
    expect(() => authoredPhoneLines("N|ru|RU|ИНН 7707083893", "f.txt", context)).toThrow(/expected/);
  });
});

describe("authored lines with marked spans", () => {
  const claimed = { IP_ADDRESS: "ipv4/ipv6" };
  const file = "# comment\nP|en|IP_ADDRESS|from [[203.0.113.5]] to [[::1]]\nN|de|-|Version 2.4.1.7 | alt\n";

  it("takes the marks out of the text, keeps their spans and scores a positive on its type only", () => {
    const [positive, negative] = authoredSpanLines(file, "pii-ip-dev.txt", context, claimed);
    expect(positive).toMatchObject({
      text: "from 203.0.113.5 to ::1",
      positive: true,
      types: ["IP_ADDRESS"],
      scoredTypes: ["ipv4", "ipv6"],
      spans: [
        ["IP_ADDRESS", 5, 16],
        ["IP_ADDRESS", 20, 23],
      ],
      language: "English",
      origin: "pii-ip-dev.txt:2",
    });
    expect(negative).toMatchObject({ text: "Version 2.4.1.7 | alt", positive: false, types: [] });
    expect(negative?.spans).toBeUndefined();
  });

  it("refuses a positive without a mark or a claimed type, and a negative with a mark", () => {
    expect(() => authoredSpanLines("P|en|IP_ADDRESS|from 203.0.113.5", "f.txt", context, claimed)).toThrow(
      /f\.txt:1/,
    );
    expect(() => authoredSpanLines("P|en|MAC|[[00:11:22:33:44:55]]", "f.txt", context, claimed)).toThrow(
      /expected/,
    );
    expect(() => authoredSpanLines("N|en|-|from [[203.0.113.5]]", "f.txt", context, claimed)).toThrow(
      /expected/,
    );
  });
});

describe("faker-js's phone formats (TypeScript, read as text)", () => {
  const files = [
    {
      locale: "en",
      kind: "human",
      typescript: "export default [\n  '!##-!##-####',\n  '!##-!##-#### x###',\n];\n",
    },
    { locale: "pl", kind: "international", typescript: "export default ['+4812#######'];\n" },
    { locale: "pt_BR", kind: "national", typescript: 'export default ["(##) #####-####", "###########"];\n' },
  ];
  const lines = fakerPhoneLines(files, mulberry32(3), context);

  it("fills each format until the number is valid in the locale's region and marks its span, the extension outside it", () => {
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      const [, start, end] = line.spans?.[0] ?? ["", 0, 0];
      const number = line.text.slice(start, end);
      expect(number).toMatch(/^[+(\d][\d ()+-]*\d$/);
      expect(line).toMatchObject({ positive: true, types: ["PHONE_NUMBER"], scoredTypes: ["phone"] });
    }
    const extension = lines.find((line) => line.origin.includes("x###"));
    expect(extension?.text.slice(extension.spans?.[0]?.[2])).toMatch(/^ x\d{3}/);
    expect(lines.find((line) => line.origin.startsWith("pl "))?.text).toMatch(/\+4812\d{7}/);
  });

  it("leaves out a bare digit run that no words name a phone, and refuses a locale without a region", () => {
    for (const line of lines) if (line.excluded === "weak") expect(line.origin).toMatch(/(alone|note)\)$/);
    expect(() =>
      fakerPhoneLines([{ locale: "xx", kind: "human", typescript: "['###']" }], mulberry32(1), context),
    ).toThrow(/no region/);
  });
});

describe("Duckling's corpora (Haskell, read as text)", () => {
  const phone = [
    "negativeCorpus :: NegativeCorpus",
    "negativeCorpus = (testContext, testOptions, examples)",
    "  where",
    '    examples = [ "12345" ]',
    "",
    "allExamples :: [Example]",
    "allExamples = concat",
    '  [ examples (PhoneNumberValue "6507018887")',
    '             [ "650-701-8887"',
    '             , "06354640807" -- a bare run',
    '             , "\\1638\\1637\\1632-\\1639\\1632\\1633-\\1640\\1640\\1640\\1639"',
    "             ]",
    "  ]",
  ].join("\n");
  const money = [
    "negativeCorpus = (testContext, testOptions, examples)",
    "  where",
    '    examples = [ "at 650-650-6500", "ein Hotel" ]',
    "allExamples = concat",
    '  [ examples (simple Dollar 10) [ "$10", "ten dollars", "10\\&0 $" ]',
    '  , examples (simple Dollar 1) [ T.replicate 3 "1" ]',
    "  ]",
  ].join("\n");
  const lines = ducklingLines(
    [
      { path: "Duckling/PhoneNumber/Corpus.hs", haskell: phone },
      { path: "Duckling/AmountOfMoney/EN/US/Corpus.hs", haskell: money },
    ],
    context,
  );
  const byText = new Map(lines.map((line) => [line.text, line]));

  it("labels the phone corpus's examples positive and its negative phrases negative, bare runs weak", () => {
    expect(byText.get("650-701-8887")).toMatchObject({
      positive: true,
      scoredTypes: ["phone"],
      spans: [["PHONE_NUMBER", 0, 12]],
    });
    expect(byText.get("06354640807")?.excluded).toBe("weak");
    expect(byText.get("٦٥٠-٧٠١-٨٨٨٧")?.positive).toBe(true);
    expect(byText.get("12345")).toMatchObject({ positive: false, origin: "PhoneNumber negative" });
  });

  it("reads other dimensions' phrases with a digit as benign, in their language, and string literals only", () => {
    expect(byText.get("$10")).toMatchObject({ positive: false, language: "English", types: [] });
    expect(byText.get("100 $")?.origin).toBe("AmountOfMoney/EN/US example");
    expect(byText.has("ten dollars")).toBe(false);
    expect(byText.has("ein Hotel")).toBe(false);
    expect(byText.has("1")).toBe(false);
    expect(byText.get("at 650-650-6500")).toMatchObject({ positive: true, spans: [["PHONE_NUMBER", 3, 15]] });
  });
});

describe("libphonenumber's matcher tests (Java, read as text)", () => {
  const java = `
public class PhoneNumberMatcherTest extends TestMetadataTestCase {
  public void testFindNationalNumber() throws Exception {
    doTestFindInContext("650-253-0000", RegionCode.US);
    doTestFindInContext("\\uFF0B1 (650) "
        + "253-0000", RegionCode.SG);
    doTestFindInContext("+1 650 25", RegionCode.US);
  }

  public void testMoneyNotSeenAsPhoneNumber() throws Exception {
    ArrayList<NumberContext> possibleOnlyContexts = new ArrayList<NumberContext>();
    possibleOnlyContexts.add(new NumberContext("$", ""));
    findMatchesInContexts(possibleOnlyContexts, false, true);
  }

  public void testMatchesWithSurroundingChineseChars() throws Exception {
    ArrayList<NumberContext> validContexts = new ArrayList<NumberContext>();
    validContexts.add(new NumberContext("\\u6211\\u7684", ""));
    String number = "+14156667777";
    findMatchesInContexts(validContexts, true, true, RegionCode.US, number);
  }

  public void testNonMatchingBracketsAreInvalid() throws Exception {
    assertTrue(hasNoMatches(phoneUtil.findNumbers(
        "80.585 [79.964]", RegionCode.US)));
  }

  private static final NumberTest[] VALID_CASES = {
    new NumberTest("12.1 - 23.71 - 23.45", RegionCode.US),
  };

  private static final NumberTest[] EXACT_GROUPING_CASES = {
    new NumberTest("415-666-7777 ext. 503", RegionCode.US),
  };

  private static final NumberTest[] IMPOSSIBLE_CASES = {
    new NumberTest("03/27/2011", RegionCode.US),
  };

  private void findPossibleInContext(String number, String defaultCountry) {
    ArrayList<NumberContext> contextPairs = new ArrayList<NumberContext>();
    contextPairs.add(new NumberContext("Hi there, call ", " to reach me!"));
    contextPairs.add(new NumberContext("Hi call", ""));
  }
}
`;
  const lines = libphonenumberMatcherLines(java, "PhoneNumberMatcherTest.java", context);
  const byText = new Map(lines.map((line) => [line.text, line]));

  it("puts each number in the contexts, with its span, and leaves out letters against it and numbers no real plan has", () => {
    expect(byText.get("Hi there, call 650-253-0000 to reach me!")).toMatchObject({
      positive: true,
      types: ["PHONE_NUMBER"],
      scoredTypes: ["phone"],
      spans: [["PHONE_NUMBER", 15, 27]],
      language: "English",
      origin: "PhoneNumberMatcherTest.java doTestFindInContext US",
    });
    expect(byText.get("Hi there, call \uFF0B1 (650) 253-0000 to reach me!")?.excluded).toBeUndefined();
    expect(byText.get("Hi call650-253-0000")?.excluded).toBe("weak");
    expect(byText.get("Hi there, call +1 650 25 to reach me!")?.excluded).toBe("unsupported");
  });

  it("labels the case tables and the contexts by the leniency that finds them", () => {
    expect(byText.get("415-666-7777 ext. 503")?.positive).toBe(true);
    expect(byText.get("12.1 - 23.71 - 23.45")?.excluded).toBe("weak");
    expect(byText.get("03/27/2011")).toMatchObject({ positive: false, types: [] });
    expect(byText.get("$415-666-7777")?.positive).toBe(false);
    expect(byText.get("\u6211\u7684+14156667777")).toMatchObject({ positive: true, language: "Chinese" });
    expect(byText.get("80.585 [79.964]")?.positive).toBe(false);
    expect(lines).toHaveLength(2 * 3 + 3 + 1 + 1 + 1);
  });
});

describe("whispers' fixtures", () => {
  const label = (content: string) =>
    whispersLines(content, "f.yml", context).map((line) => [
      line.positive ? "P" : "N",
      line.text,
      ...(line.spans ?? []).map(([, start, end]) => line.text.slice(start, end)),
    ]);

  it("labels by part: marked values of a noncompliant part are positive, a compliant part's lines negative", () => {
    const yaml = [
      "# Compliant",
      "username: hardcoded",
      "password: $PASSWORD",
      "",
      "# Noncompliant",
      "01_hardcoded_password: hardcoded0",
      "Default: admin",
      "02_hardcoded_passwords:",
      '  - "Hardcoded1"',
    ].join("\n");
    expect(label(yaml)).toEqual([
      ["N", "username: hardcoded"],
      ["N", "password: $PASSWORD"],
      ["P", "01_hardcoded_password: hardcoded0", "hardcoded0"],
      ["P", '02_hardcoded_passwords:\n  - "Hardcoded1"', "Hardcoded1"],
    ]);
  });

  it("reads XML parts and keyless values with their key, base64 marks, a self-marked line, and no-part files", () => {
    const xml =
      "<compliant>\n  <key>password</key>\n  <value></value>\n</compliant>\n<noncompliant>\n  <key>password</key>\n  <value>hardcoded3</value>\n</noncompliant>";
    expect(label(xml)).toEqual([
      ["N", "  <key>password</key>"],
      ["N", "  <key>password</key>\n  <value></value>"],
      ["P", "  <key>password</key>\n  <value>hardcoded3</value>", "hardcoded3"],
    ]);
    expect(label('"noncompliant": {\n  "auth": "QVdTOmhhcmRjb2RlZAo="')).toEqual([
      ["P", '  "auth": "QVdTOmhhcmRjb2RlZAo="', "QVdTOmhhcmRjb2RlZAo="],
    ]);
    expect(label("compliant2:\nnoncompliant1:Sc0ZiCkjrTRbLgphardcoded")).toEqual([
      ["N", "compliant2:"],
      ["P", "noncompliant1:Sc0ZiCkjrTRbLgphardcoded", "Sc0ZiCkjrTRbLgphardcoded"],
    ]);
    expect(label("//r/:_authToken=$NPM_TOKEN\n//r/:_authToken=6c141bb5-hardcoded")).toEqual([
      ["N", "//r/:_authToken=$NPM_TOKEN"],
      ["P", "//r/:_authToken=6c141bb5-hardcoded", "6c141bb5-hardcoded"],
    ]);
  });

  it("joins a line ending in a backslash with the next", () => {
    expect(label("# Noncompliant\ncurl -k \\\n  --user admin:hardcoded1 \\\n  https://localhost")).toEqual([
      ["P", "curl -k \\\n  --user admin:hardcoded1 \\\n  https://localhost", "hardcoded1"],
    ]);
  });
});

describe("labelled lines of a source's files", () => {
  const files: Record<string, string> = {
    "a.cs": 'x\n    var cs = "Server=db;User ID=app;Password=Zq8vLm2Kx9;";\n    var t = "Password=<pwd>";',
  };
  const read = (path: string) => files[path] ?? "";

  it("takes the whole line at the commit, trimmed, with the value's span or as a negative", () => {
    const lines = labelledSourceLines("# comment\nP|Zq8vLm2Kx9|a.cs:2\nN|-|a.cs:3", "l.txt", read, context);
    expect(lines.map((line) => [line.positive, line.text, line.spans, line.origin])).toEqual([
      [true, 'var cs = "Server=db;User ID=app;Password=Zq8vLm2Kx9;";', [["password", 41, 51]], "a.cs:2"],
      [false, 'var t = "Password=<pwd>";', undefined, "a.cs:3"],
    ]);
  });

  it("labels the value where it is one, not where it names a setting", () => {
    const template = { "t.cs": 'var s = "user=user;password=password;account=account;";' };
    const [line] = labelledSourceLines(
      "P|password|t.cs:1",
      "l.txt",
      (path) => template[path as "t.cs"],
      context,
    );
    expect(line?.spans).toEqual([["password", 28, 36]]);
  });

  it("refuses a value not on its line, a line past the end, and a malformed row", () => {
    expect(() => labelledSourceLines("P|hunter2|a.cs:2", "l.txt", read, context)).toThrow(
      /l.txt:1: hunter2 is not/,
    );
    expect(() => labelledSourceLines("N|-|a.cs:9", "l.txt", read, context)).toThrow(/past the end/);
    expect(() => labelledSourceLines("N|x|a.cs:2", "l.txt", read, context)).toThrow(/expected/);
  });
});

describe("ip-regex's tests (JavaScript, read as text)", () => {
  const javascript = `import test from 'ava';

const v4 = [
	'8.8.8.8',
];

const v4not = [
	'256.256.256.256',
	'100.100.100.100.',
];

const v6 = [
	'1::8',
];

const v6not = [
	'',
	'11:36:12',
];

const v6extract = {
	'::1, ::2': ['::1', '::2'],
	'02001:0000:1234:0000:0000:C1C0:ABCD:0876 a::xyz': ['2001:0000:1234:0000:0000:C1C0:ABCD:0876', 'a::'],
};
`;
  const lines = ipRegexTestLines(javascript, "test.js", context);
  const byText = new Map(lines.map((line) => [line.text, line]));

  it("puts each address in the tests' own text, with its span, and keeps the non-addresses as they stand", () => {
    expect(byText.get("foo 1::8 bar")).toMatchObject({
      positive: true,
      types: ["IP_ADDRESS"],
      scoredTypes: ["ipv4", "ipv6"],
      spans: [["IP_ADDRESS", 4, 8]],
      origin: "test.js v6",
    });
    expect(byText.get("foo 8.8.8.8 bar")?.positive).toBe(true);
    expect(byText.get("11:36:12")).toMatchObject({ positive: false, types: [] });
    expect(byText.get("256.256.256.256")?.excluded).toBeUndefined();
    expect(byText.get("100.100.100.100.")?.excluded).toBe("conflict");
    expect(byText.has("")).toBe(false);
  });

  it("reads the extraction tables' spans and leaves out addresses pulled out of a longer run", () => {
    expect(byText.get("::1, ::2")?.spans).toEqual([
      ["IP_ADDRESS", 0, 3],
      ["IP_ADDRESS", 5, 8],
    ]);
    expect(byText.get("02001:0000:1234:0000:0000:C1C0:ABCD:0876 a::xyz")?.excluded).toBe("weak");
    expect(lines).toHaveLength(7);
  });
});

describe("pii-secret-sources.json", () => {
  it("pins every source to a commit, names its licence and split, and uses no reserved source", async () => {
    const { readFileSync } = await import("node:fs");
    const { reservedName } = await import("../../scripts/guardrails/reserved-sources.js");
    const { PII_SECRET_SOURCES } = await import("../../scripts/guardrails/load-pii-secret-corpus.js");
    const { sources, benign } = JSON.parse(readFileSync(PII_SECRET_SOURCES, "utf8")) as {
      sources: { id: string; repo: string; commit: string; licence: string; split: string }[];
      benign: Record<string, string[]>;
    };
    for (const source of sources) {
      expect(source.commit, source.id).toMatch(/^[0-9a-f]{40}$/);
      expect(source.licence, source.id).not.toBe("");
      expect(["train", "dev", "test"], source.id).toContain(source.split);
      expect(reservedName(source.repo), source.id).toBeUndefined();
    }
    // Recognizers-Text's specs, Nosey Parker's rule examples and half b of NeMo's telephone tests.
    expect(new Set(sources.filter((source) => source.split === "test").map((source) => source.id)).size).toBe(
      3,
    );
    expect(benign.dev?.some((id) => benign.test?.includes(id))).toBe(false);
    // Authored lines are tuned against: never a test source.
    const { authored } = JSON.parse(readFileSync(PII_SECRET_SOURCES, "utf8")) as {
      authored: { id: string; split: string }[];
    };
    for (const source of authored) expect(source.split, source.id).toBe("dev");
  });
});

describe("CredSweeper's test samples", () => {
  const finding = (
    rule: string,
    path: string,
    rows: [number, string, string][],
    ml: number | null = null,
  ) => ({
    rule,
    ml_probability: ml,
    line_data_list: rows.map(([line_num, line, value]) => ({
      line,
      line_num,
      path: `./tests/samples/${path}`,
      value,
    })),
  });
  // Lines of tests/samples/curl_user_password, doc_passwd_pair, doc_credentials_n and sql_password,
  // with the reports tests/data/ holds for them (abridged).
  const files = [
    {
      path: "tests/samples/curl_user_password",
      content:
        'curl -X PUT -u "admin:dG9rZW4g" https://127.0.0.1 # TP\ncurl -X PUT -u "$USER:$PASSWORD" https://127.0.0.1 # FP\n',
    },
    {
      path: "tests/samples/doc_passwd_pair",
      content: [
        "Password:Prl23Db#@",
        "Password Prl23Db#@",
        "PIN:Prl23Db#@",
        "비밀번호 Prl23Db#@",
        "",
        "FALSE:",
        "# password: keep empty",
        "암호 : @@@hl@@@비번@@@endhl@@@",
      ].join("\n"),
    },
    {
      path: "tests/samples/doc_credentials_n",
      content:
        'the password is incorrect\n"UserKeyword": "A1328E04-88B6-4E2A-A5C0-A4D9B21754C4"\nActivation key : ZAQWS-XCDER-*****-VBGTR-FRTGU\n',
    },
    { path: "tests/samples/docker", content: "NEGATIVE: dckr_pat_EXAMPLE-EXAMPLE-EXAMPLE-123\n" },
    {
      path: "tests/samples/sql_password",
      content:
        "ALTER USER 'super_user'@'10.10.%' PASSWORD EXPIRE INTERVAL 90 DAY;\nCREATE USER foo WITH\n  ENCRYPTED PASSWORD 'SqLpa5sW0rD' CREATEDB;\n-- setup\n",
    },
  ];
  const reports = {
    output: [
      finding("CURL User Password", "curl_user_password", [
        [1, 'curl -X PUT -u "admin:dG9rZW4g" https://127.0.0.1 # TP', "dG9rZW4g"],
      ]),
      finding("Password", "doc_passwd_pair", [[1, "Password:Prl23Db#@", "Prl23Db#@"]], 0.99),
      finding("Password", "doc_passwd_pair", [[7, "# password: keep empty", "keep"]], 0.7),
      finding("UUID", "doc_credentials_n", [
        [2, '"UserKeyword": "A1328E04-88B6-4E2A-A5C0-A4D9B21754C4"', "A1328E04-88B6-4E2A-A5C0-A4D9B21754C4"],
      ]),
      finding("Docker Access Token", "docker", [
        [1, "NEGATIVE: dckr_pat_EXAMPLE-EXAMPLE-EXAMPLE-123", "dckr_pat_EXAMPLE-EXAMPLE-EXAMPLE-123"],
      ]),
      finding("SQL Password", "sql_password", [
        [2, "CREATE USER foo WITH", "SqLpa5sW0rD"],
        [3, "  ENCRYPTED PASSWORD 'SqLpa5sW0rD' CREATEDB;", "SqLpa5sW0rD"],
      ]),
    ],
    doc: [
      finding("PASSWD_PAIR", "doc_passwd_pair", [[3, "PIN:Prl23Db#@", "Prl23Db#@"]], 0.036),
      finding("DOC_CREDENTIALS", "doc_credentials_n", [[1, "the password is incorrect", "incorrect"]], 0.0),
    ],
    candidates: [
      finding("CURL User Password", "curl_user_password", [
        [2, 'curl -X PUT -u "$USER:$PASSWORD" https://127.0.0.1 # FP', "$PASSWORD"],
      ]),
      finding("Password", "doc_passwd_pair", [[3, "PIN:Prl23Db#@", "Prl23Db#@"]]),
      finding("SQL Password", "sql_password", [
        [1, "ALTER USER 'super_user'@'10.10.%' PASSWORD EXPIRE INTERVAL 90 DAY;", "EXPIRE"],
      ]),
    ],
  };
  const { lines, leftOut } = credSweeperLines(files, reports, context);
  const label = (line: (typeof lines)[number]) => [
    line.positive ? "P" : "N",
    line.text,
    ...(line.spans ?? []).map(([, start, end]) => line.text.slice(start, end)),
  ];

  it("labels by the samples' marks (which win over a report), the reports and negative file names, and halves by file", () => {
    expect(lines.map(label)).toEqual([
      ["P", 'curl -X PUT -u "admin:dG9rZW4g" https://127.0.0.1', "dG9rZW4g"],
      ["N", 'curl -X PUT -u "$USER:$PASSWORD" https://127.0.0.1'],
      ["P", "Password:Prl23Db#@", "Prl23Db#@"],
      ["N", "암호 : @@@hl@@@비번@@@endhl@@@"],
      ["N", "the password is incorrect"],
      ["N", '"UserKeyword": "A1328E04-88B6-4E2A-A5C0-A4D9B21754C4"'],
      ["N", "Activation key : ZAQWS-XCDER-*****-VBGTR-FRTGU"],
      ["N", "dckr_pat_EXAMPLE-EXAMPLE-EXAMPLE-123"],
      ["N", "ALTER USER 'super_user'@'10.10.%' PASSWORD EXPIRE INTERVAL 90 DAY;"],
      ["P", "CREATE USER foo WITH\n  ENCRYPTED PASSWORD 'SqLpa5sW0rD' CREATEDB;", "SqLpa5sW0rD"],
    ]);
    expect(lines.map((line) => line.source)).toEqual(
      lines.map((line) => `fixture-${mixedBit(line.origin.split(":")[0] ?? "") === 0 ? "a" : "b"}`),
    );
    expect(lines.find((line) => line.positive)?.types).toEqual(["CURL User Password"]);
  });

  it("counts what it leaves out: unreported forms of a reported value, reports in a negative part, unread lines", () => {
    const reasons = new Map<string, number>();
    for (const [key, count] of leftOut) {
      const reason = key.split(" ")[1] ?? "";
      reasons.set(reason, (reasons.get(reason) ?? 0) + count);
    }
    // "PIN:Prl23Db#@" (a candidate, doc mode under its threshold) holds the value line 1 reports;
    // "# password: keep empty" is reported in the FALSE part; "Password Prl23Db#@", "-- setup" no report touches.
    expect(Object.fromEntries(reasons)).toEqual({ "value-elsewhere": 1, conflict: 1, unread: 3 });
  });
});

describe("ripsecrets' test files", () => {
  // Made-up lines in ripsecrets' layout: a secret a line, none in test/none, one somewhere in a file.
  const token = `zz_live_${alnum(24, 60)}`;
  const files = [
    {
      path: "test/one_per_line/zz",
      content: `${token}\nZZxxxxxxxxxxxxxxxxxxxxxxxx\n\nmysql://USERNAME:PASSWORD@db\n`,
    },
    {
      path: "test/none",
      content: `secret = settings.ZZ_SECRET\n${token} // pragma: allowlist secret\npostgresql://u:${token}@h/db // secret is in .secretsignore\n`,
    },
    { path: "test/one_per_file/zz_json", content: '{\n  "key": "a"\n}\n' },
  ];
  const { lines, leftOut } = ripsecretsLines(files, context);

  it("labels one_per_line lines positive, test/none's negative, and halves by file name", () => {
    expect(lines.map((line) => [line.positive ? "P" : "N", line.text, line.types.join()])).toEqual([
      ["P", token, "zz"],
      ["N", "secret = settings.ZZ_SECRET", ""],
    ]);
    expect(lines.map((line) => line.source)).toEqual(
      lines.map(
        (line) => `fixture-${mixedBit(line.origin.split("/").pop()?.split(":")[0] ?? "") === 0 ? "a" : "b"}`,
      ),
    );
  });

  it("counts what it leaves out: stand-ins, secrets passed by its ignore mechanisms, a file's unnamed line", () => {
    const reasons = new Map<string, number>();
    for (const [key, count] of leftOut) {
      const reason = key.split(" ")[1] ?? "";
      reasons.set(reason, (reasons.get(reason) ?? 0) + count);
    }
    expect(Object.fromEntries(reasons)).toEqual({ "stand-in": 2, "ignored-secret": 2, "one-per-file": 3 });
  });
});

describe("Veles' detector tests", () => {
  // A made-up detector test in Veles' layout: a constant, tables by field and by position, a
  // negatives-only test, a closure input, a finding of an identifier alone, a testdata file.
  const key = `zzk_${alnum(32, 61)}`;
  const clientId = alnum(20, 62);
  const goFile = `package zz

const validKey = "${key}"

func TestDetector(t *testing.T) {
	engine, _ := veles.NewDetectionEngine([]veles.Detector{NewDetector()})
	cases := []struct {
		name  string
		input string
		want  []veles.Secret
	}{{
		name:  "in_env",
		input: fmt.Sprintf("export ZZ_KEY=%s", validKey),
		want:  []veles.Secret{Key{Key: validKey}},
	}, {
		name:  "short",
		input: validKey[:len(validKey)-1],
		want:  nil,
	}, {
		name:  "repeated",
		input: strings.Repeat("a", 3) + " " + validKey,
		want:  []veles.Secret{},
	}, {
		name:  "id_only",
		input: "zz_client_id=${clientId}",
		want:  []veles.Secret{Key{ClientID: "${clientId}"}},
	}, {
		name:  "from_file",
		file:  "testdata/app.log",
		want:  []veles.Secret{Key{Key: validKey}},
	}}
	for _, tc := range cases {
		got, _ := engine.Detect(t.Context(), strings.NewReader(tc.input))
		_ = got
	}
}

func TestDetector_NoMatches(t *testing.T) {
	engine, _ := veles.NewDetectionEngine([]veles.Detector{NewDetector()})
	cases := []struct {
		name, input string
	}{
		{"prose", "zz keys are not here"},
		{"empty", ""},
		{"built", func() string { return validKey }()},
	}
	for _, tc := range cases {
		got, _ := engine.Detect(t.Context(), strings.NewReader(tc.input))
		_ = got
	}
}

func TestValidator(t *testing.T) {
	cases := []struct {
		name  string
		input string
		want  []veles.Secret
	}{{name: "not_detection", input: "zz", want: nil}}
	_ = cases
}
`;
  const { lines, leftOut } = velesLines(
    [
      { path: "veles/secrets/zzvendor/detector_test.go", content: goFile },
      { path: "veles/secrets/common/zz/zz_test.go", content: goFile },
    ],
    context,
  );

  it("labels a case by its wanted findings or its negatives-only test, evaluating Go string expressions", () => {
    expect(lines.map((line) => [line.positive ? "P" : "N", line.text])).toEqual([
      ["P", `export ZZ_KEY=${key}`],
      ["N", key.slice(0, -1)],
      ["N", `aaa ${key}`],
      ["N", "zz keys are not here"],
    ]);
    expect(new Set(lines.map((line) => line.source))).toEqual(
      new Set([`fixture-${mixedBit("zzvendor") === 0 ? "a" : "b"}`]),
    );
    expect(lines[0]?.types).toEqual(["zzvendor"]);
  });

  it("counts what it leaves out: identifiers alone, testdata files, empty and unreadable inputs", () => {
    const reasons = new Map<string, number>();
    for (const [reasonKey, count] of leftOut) {
      const reason = reasonKey.split(" ")[1] ?? "";
      reasons.set(reason, (reasons.get(reason) ?? 0) + count);
    }
    expect(Object.fromEntries(reasons)).toEqual({
      "identifier-only": 1,
      "testdata-file": 1,
      "empty-input": 1,
      "unreadable-input": 1,
    });
  });
});
