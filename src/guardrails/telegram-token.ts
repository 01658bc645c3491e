import { asciiClass, isAsciiDigit, skipBackOver } from "./char-class.js";
import { shannonEntropy } from "./entropy.js";
import type { SecretParser } from "./secret-parsers.js";

const isTokenChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
const SECRET_PART = /AA[\w-]{33}(?![\w-])/y;

/**
 * A Telegram bot token written alone (`110201543:AAHdqTcvCH1vGWJxfSe1ofSAs0K5PALDsaw`, the token in
 * Telegram's Bot API documentation): the bot's 8–10 digit id, a colon and 35 characters (detect-secrets
 * telegram_token.py, Apache-2.0), of which BotFather's tokens begin `AA`; that prefix is the keyword,
 * so the digits are read backwards from it. Where "telegram" names it, gitleaks' rule finds it too.
 */
export const telegramBotTokenParser: SecretParser = {
  id: "telegram",
  keywords: [":aa"],
  source: "detect-secrets telegram_token.py (\\d{8,10}:[0-9A-Za-z_-]{35}); Telegram Bot API docs",
  parse(text, index) {
    // Up to 11 digits back: one more than a bot id's 10 says the run is longer.
    const start = skipBackOver(text, index, isAsciiDigit, 11);
    const digits = index - start;
    if (digits < 8 || digits > 10 || (start > 0 && isTokenChar(text, start - 1))) return undefined;
    SECRET_PART.lastIndex = index + 1;
    if (!SECRET_PART.test(text)) return undefined;
    const end = SECRET_PART.lastIndex;
    if (shannonEntropy(text.slice(index + 1, end)) < 3.5) return undefined;
    return { type: "telegram_bot_token", start, end, score: 0.9 };
  },
};
