import { describe, expect, it } from "vitest";
import { MICROSOFT_SECRET_RULES } from "../../src/guardrails/microsoft-secret-rules.js";
import { alnum, base64, fakeChars, hex } from "./fake-values.js";
import { reportedSecrets } from "./reported-secrets.js";

// Rules ported from Microsoft's security-utilities by scripts/guardrails/port-microsoft-key-rules.ts.
// Values are drawn at test time (fake-values.ts); assertions compare spans and ids, so no value is
// printed on success.
const base32 = (length: number, seed: number) => fakeChars(length, "abcdefghijklmnopqrstuvwxyz234567", seed);

describe("a sample of the ported Microsoft identifiable-key rules", () => {
  const cases: [
    id: string,
    type: string,
    secret: string,
    line: (secret: string) => string,
    nearMiss: string,
  ][] = [
    [
      "microsoft.AzureDevOpsLegacyCommonAnnotatedSecurityKeyPat",
      "azure_dev_ops_key_pat",
      `${alnum(52, 1)}JQQJ99BA${alnum(12, 2)}AAAAAZDO${alnum(4, 3)}`,
      (secret) => `the build agent authenticates with ${secret} today`,
      `AZDO_PAT=${alnum(40, 1)}JQQJ99BA${alnum(12, 2)}AAAAAZDO${alnum(4, 3)}`,
    ],
    [
      "microsoft.AzureFunctionIdentifiableKey",
      "azure_function_key",
      `${alnum(44, 4)}AzFu${alnum(5, 5)}Q==`,
      (secret) => `curl https://fn.example/api/run?code=${secret}`,
      `"x-functions-key": "${alnum(44, 4)}AzFx${alnum(5, 5)}Q=="`,
    ],
    [
      "microsoft.AzureServiceBusIdentifiableKey",
      "azure_service_bus_key",
      `${base64(33, 6)}+ASbC${alnum(5, 7)}=`,
      (secret) => `SharedAccessKeyName=send;SharedAccessKey=${secret}`,
      `SharedAccessKey=${base64(20, 6)}+ASbC${alnum(5, 7)}=`,
    ],
    [
      "microsoft.AzureCosmosDBIdentifiableKey",
      "azure_cosmos_db_key",
      `${base64(76, 8)}ACDb${alnum(5, 9)}w==`,
      (secret) => `cosmos key ${secret}`,
      `cosmos key ${base64(76, 8)}ACDc${alnum(5, 9)}w==`,
    ],
    [
      "microsoft.NuGetApiKey",
      "nuget_api_key",
      `oy2${base32(43, 10)}`,
      (secret) => `dotnet nuget push -k ${secret}`,
      `dotnet nuget push -k oy2${base32(30, 10)}`,
    ],
    [
      "microsoft.AzureDatabricksPat",
      "azure_databricks_pat",
      `dapi${hex(10, 11)}-${hex(22, 12)}`,
      (secret) => `databricks configure with ${secret}`,
      `databricks configure with dapi${hex(10, 11)}-${hex(12, 12)}`,
    ],
  ];

  it.each(cases)("%s finds its key and only it", (id, type, secret, line) => {
    const text = line(secret);
    const found = reportedSecrets(text).find((finding) => finding.detector === `secrets/${id}`);
    expect(found && text.slice(found.start, found.end) === secret && found.type === type).toBe(true);
  });

  it.each(cases)("%s leaves its near-miss alone", (id, _type, _secret, _line, nearMiss) => {
    expect(reportedSecrets(nearMiss).filter((finding) => finding.detector === `secrets/${id}`)).toEqual([]);
  });

  it("a product's common annotated key reports the product, not the unclassified type", () => {
    const secret = `${alnum(52, 12)}JQQJ99AB${alnum(12, 13)}AAABACOG${alnum(4, 14)}`;
    const found = reportedSecrets(`the deployment answers to ${secret} only`);
    expect(found.map((finding) => finding.type)).toEqual(["azure_open_ai_key"]);
  });
});

describe("a key's base64 padding, as Microsoft's own scanner reads it", () => {
  const apim = (seed: number) => `${base64(76, seed)}APIM${alnum(5, seed + 1)}Q`;
  const relay = (seed: number) => `${base64(33, seed)}+ARmC${alnum(5, seed + 1)}`;
  const spans = (text: string, id: string) =>
    reportedSecrets(text)
      .filter((finding) => finding.detector === `secrets/microsoft.${id}`)
      .map((finding) => text.slice(finding.start, finding.end));

  it("finds a key with its padding dropped", () => {
    expect(spans(`the gateway key is ${apim(20)} now`, "AzureApimIdentifiableDirectManagementKey")).toEqual([
      apim(20),
    ]);
    expect(spans(`SharedAccessKey=${relay(22)};`, "AzureRelayIdentifiableKey")).toEqual([relay(22)]);
  });

  it("finds a padded key with text run on after its padding, the padding ending it", () => {
    expect(spans(`${apim(24)}==ZZZZ`, "AzureApimIdentifiableDirectManagementKey")).toEqual([`${apim(24)}==`]);
    expect(spans(`${relay(26)}=ZZZZ`, "AzureRelayIdentifiableKey")).toEqual([`${relay(26)}=`]);
  });

  it("finds a key whose padding is URL-encoded (`%3D%3D`), as in a connection string or a query", () => {
    const storage = `${base64(76, 32)}+ASt${alnum(5, 33)}Q`;
    expect(
      spans(
        `DefaultEndpointsProtocol=https;AccountKey=${storage}%3D%3D;`,
        "AzureStorageAccountIdentifiableKey",
      ),
    ).toEqual([storage]);
  });

  it("leaves an unpadded key run on into more key characters alone", () => {
    expect(spans(`${apim(28)}ZZZZ`, "AzureApimIdentifiableDirectManagementKey")).toEqual([]);
    expect(spans(`${relay(30)}ZZZZ`, "AzureRelayIdentifiableKey")).toEqual([]);
  });
});

describe("every ported Microsoft rule", () => {
  it.each(MICROSOFT_SECRET_RULES.map((rule) => [rule.id, rule] as const))(
    "%s is well formed",
    (_id, rule) => {
      expect(rule.source).toMatch(
        /^microsoft\/security-utilities GeneratedRegexPatterns\/\w+\.json \(SEC101\/\d+ \w+/,
      );
      expect(rule.keywords.length).toBeGreaterThan(0);
      for (const keyword of rule.keywords) expect(keyword).toBe(keyword.toLowerCase());
      expect(() => new RegExp(rule.pattern, `${rule.flags ?? ""}dy`)).not.toThrow();
      // Bounded: no `*`, `+` or `{n,}` left to backtrack without end.
      expect(rule.pattern.replace(/\\./g, "").replace(/\[(?:[^\]\\]|\\.)*\]/g, "")).not.toMatch(
        /[*+]|\{\d+,\}/,
      );
    },
  );
});
