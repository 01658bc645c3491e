import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

/**
 * Rules ported by hand from Trivy's built-in secret rules (github.com/aquasecurity/trivy@dc3c56e,
 * pkg/fanal/secret/builtin-rules.go, Apache-2.0; see licenses/ and NOTICE), for the token formats of
 * its rules whose test files (pkg/fanal/secret/testdata/) modelmux did not find: two OpenAI formats, a
 * Kubernetes Secret's Docker config and the Azure App Configuration connection string. Its Maven settings rules, which match by file name,
 * are credential parsers here (generic-secret.ts, maven-credentials.ts); Trivy's other rules are
 * gitleaks' or find what modelmux already finds. Trivy's unbounded `+` is bounded here.
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
  {
    // A Kubernetes Secret's registry login (`data: .dockerconfigjson: <base64 of {"auths": …}>`): the
    // base64 of a JSON object starts `ey` (`{"`) or `ew` (`{` and a line break).
    id: "trivy.dockerconfig-secret",
    type: "docker_config",
    keywords: [".dockerconfigjson", ".dockercfg"],
    pattern:
      "\\.(?:dockerconfigjson|dockercfg):[ \\t]{0,5}\\|?\\s{0,40}((?:ey|ew)[A-Za-z0-9/+=]{6,8000})(?![A-Za-z0-9/+=])",
    flags: "i",
    group: 1,
    score: 0.9,
    source: "trivy pkg/fanal/secret/builtin-rules.go (dockerconfig-secret)",
  },
  {
    // Matched from the keyword: the `Endpoint=https://<store>.` before it is a look-behind.
    id: "trivy.azure-app-config-connection-string",
    type: "azure_app_config_connection_string",
    keywords: ["azconfig.io"],
    pattern:
      "(?<=Endpoint\\s{0,3}=\\s{0,3}https://[a-zA-Z0-9-]{1,63}\\.)azconfig\\.io\\s{0,3};\\s{0,3}Id\\s{0,3}=\\s{0,3}[a-zA-Z0-9+/=:-]{1,64}\\s{0,3};\\s{0,3}Secret\\s{0,3}=\\s{0,3}([a-zA-Z0-9+/=~]{32,88})(?![a-zA-Z0-9+/=~])",
    flags: "i",
    group: 1,
    score: 0.97,
    source: "trivy pkg/fanal/secret/builtin-rules.go (azure-app-config-connection-string)",
  },
];
