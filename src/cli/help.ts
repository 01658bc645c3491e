export const HELP = `modelmux — LLM orchestration for agents, as an MCP server

Usage:
  modelmux [--config FILE]                      serve MCP over stdio (for Claude Desktop, Cursor, VS Code)
  modelmux http [--host H] [--port P] [--config FILE]
                                                serve MCP at http://H:P/mcp (default 127.0.0.1:8787), plus /healthz
  modelmux usage [--since 7d] [--until T] [--group-by model|provider|key|tool|day] [--format table|json|csv]
                                                print usage from the ledger (default: the last 24h, as a table)
  modelmux migrate-ledger --to postgres://… [--from FILE]
                                                copy the SQLite ledger (default: usage.sqlite in the data dir)
                                                into PostgreSQL, then verify the counts
  modelmux prices update [--from FILE | --url URL]
                                                store genai-prices' latest price data in the data dir
                                                (used from the next start; --from reads a local file)
  modelmux --help | --version

Options:
  --config FILE   JSON or YAML config (default: $MODELMUX_CONFIG, else built-in defaults)
  --host HOST     HTTP bind address (default 127.0.0.1)
  --port PORT     HTTP port (default 8787; 0 picks a free one)
  --since, --until  ISO 8601 date/time or a duration ago (30m, 24h, 7d, 2w)

Environment:
  MODELMUX_CONFIG, MODELMUX_DATA_DIR (default ~/.modelmux), MODELMUX_REDIS_URL, MODELMUX_DATABASE_URL,
  MODELMUX_LOG_LEVEL,
  and each provider's key: OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, GROQ_API_KEY, TOGETHER_API_KEY,
  FIREWORKS_API_KEY, DEEPSEEK_API_KEY, MISTRAL_API_KEY, XAI_API_KEY, OPENROUTER_API_KEY, DEEPINFRA_API_KEY,
  CEREBRAS_API_KEY, SAMBANOVA_API_KEY, NOVITA_API_KEY, NEBIUS_API_KEY, HYPERBOLIC_API_KEY, PERPLEXITY_API_KEY,
  MOONSHOT_API_KEY, ZAI_API_KEY, ZHIPUAI_API_KEY, DASHSCOPE_API_KEY, AZURE_OPENAI_API_KEY (+ AZURE_OPENAI_BASE_URL),
  COHERE_API_KEY, MINIMAX_API_KEY, BASETEN_API_KEY, AVIAN_API_KEY, OVHCLOUD_API_KEY
`;
