/**
 * Azure OpenAI's deployment-style API (https://learn.microsoft.com/azure/ai-services/openai/reference):
 * each model is a deployment at `{endpoint}/openai/deployments/{deployment}/…?api-version=…`,
 * and the key goes in an `api-key` header rather than `Authorization: Bearer`.
 */
export interface AzureDeploymentsConfig {
  resource?: string | undefined;
  endpoint?: string | undefined;
  apiVersion: string;
}

/** The resource's endpoint: the one given, or `https://{resource}.openai.azure.com`. */
export function azureEndpoint(azure: AzureDeploymentsConfig): string {
  return azure.endpoint ?? `https://${azure.resource}.openai.azure.com`;
}

/** `path` (`/chat/completions`, `/embeddings`) of one deployment, with the API version. */
export function azureDeploymentUrl(
  endpoint: string,
  deployment: string,
  path: string,
  apiVersion: string,
): string {
  const url = new URL(endpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/openai/deployments/${encodeURIComponent(deployment)}${path}`;
  url.searchParams.set("api-version", apiVersion);
  return url.href;
}
