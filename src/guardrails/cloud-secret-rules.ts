import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

/**
 * API keys gitleaks' gcp-api-key rule allows (gcp.go `Allowlists`): published in Google's and
 * Firebase's public SDKs and samples, so found in countless repositories without being anyone's secret.
 */
const GCP_PUBLIC_KEYS = [
  "AIzaSyabcdefghijklmnopqrstuvwxyz1234567",
  "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs",
  "AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM",
  "AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU",
  "AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0",
  "AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A",
  "AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c",
  "AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4",
  "AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY",
  "AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM",
  "AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ",
  "AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g",
  "AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU",
  "AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw",
  "AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE",
  "AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY",
];

/** Cloud provider credentials: AWS, Google Cloud, Azure. Sources beside each rule. */
export const CLOUD_SECRET_RULES: SecretPatternRule[] = [
  {
    id: "aws",
    type: "aws_access_key",
    keywords: ["akia", "asia", "abia", "acca", "a3t"],
    pattern: `${START}(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])`,
    score: 0.97,
    minEntropy: 2.5,
    source: "gitleaks aws.go (aws-access-token); AWS IAM unique-identifier prefixes",
  },
  {
    id: "aws",
    type: "aws_secret_key",
    keywords: ["secret_access_key", "secretaccesskey", "secret-access-key"],
    pattern: `secret[_-]?access[_-]?key["']?(?:\\s{0,5}(?::|=>|=)\\s{0,5}|[ \\t]{1,5})["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])`,
    flags: "i",
    group: 1,
    score: 0.95,
    minEntropy: 3.5,
    source: "secretlint-rule-aws (AWSSecretAccessKey); also the space-separated `aws configure set` form",
  },
  {
    id: "gcp",
    type: "gcp_api_key",
    keywords: ["aiza"],
    pattern: `${START}(?!(?:${GCP_PUBLIC_KEYS.join("|")})${END})AIza[\\w-]{35}${END}`,
    score: 0.95,
    minEntropy: 3.5,
    source: "gitleaks gcp.go (gcp-api-key, and its allowlist of keys published in public code)",
  },
  {
    id: "gcp",
    type: "gcp_oauth_client_secret",
    keywords: ["gocspx-"],
    pattern: `${START}GOCSPX-[\\w-]{28}${END}`,
    score: 0.95,
    source: "Google OAuth client secrets carry the GOCSPX- prefix (Google Cloud console, since 2021)",
  },
  {
    id: "gcp",
    type: "google_oauth_token",
    keywords: ["ya29."],
    pattern: `${START}ya29\\.[\\w-]{20,2048}${END}`,
    score: 0.9,
    minEntropy: 3,
    source:
      "Google OAuth 2.0 access tokens carry the ya29. prefix (developers.google.com/identity/protocols/oauth2)",
  },
  {
    id: "azure",
    type: "azure_client_secret",
    keywords: ["q~"],
    back: 4,
    pattern: "(?<![\\w~.-])[a-zA-Z0-9_~.]{3}\\dQ~[a-zA-Z0-9_~.-]{31,34}(?![\\w~.-])",
    score: 0.9,
    minEntropy: 3,
    source: "gitleaks azure.go (azure-ad-client-secret)",
  },
  {
    id: "azure",
    type: "azure_storage_key",
    keywords: ["accountkey="],
    pattern: "AccountKey=([A-Za-z0-9+/]{86}==)",
    flags: "i",
    group: 1,
    score: 0.97,
    source:
      "Azure Storage connection string format (learn.microsoft.com, 'Configure Azure Storage connection strings')",
  },
  {
    id: "azure",
    type: "azure_sas_token",
    keywords: ["sig="],
    pattern: "(?<=[?&;])sig=([A-Za-z0-9%+/]{40,120}(?:%3D|=){0,2})",
    group: 1,
    score: 0.85,
    minEntropy: 3.5,
    source: "Azure shared access signature URI parameters (learn.microsoft.com, 'Create a service SAS')",
  },
];
