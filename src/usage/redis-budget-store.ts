import type { Logger } from "../logger.js";
import { connectRedis } from "../redis/connect-redis.js";
import type { BudgetSlot } from "./budget-slots.js";
import type { Refusal, SeedSpend, SlotState } from "./memory-budget-store.js";

// One hash tag: every budget key lands in the same Redis Cluster slot, so scripts may touch several.
const PREFIX = "modelmux:{budget}:";

/** Period keys outlive their period a little (late settles), then Redis drops them. */
function keyTtlSeconds(slot: BudgetSlot): number {
  return Math.ceil((slot.span.end - slot.span.start) / 1000) + 2 * 86_400;
}

/**
 * Per slot: `…:spent` (integer nano-USD) and `…:held`, a sorted set of `<reservation>:<nano>` scored
 * by expiry, so a crashed instance's holds lapse instead of blocking the budget until the period ends.
 */
const RESERVE = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local amount = tonumber(ARGV[1])
local slots = #KEYS / 2
for i = 1, slots do
  local base = 3 + 3 * (i - 1)
  redis.call('SET', KEYS[2 * i - 1], ARGV[base + 2], 'NX', 'EX', ARGV[base + 3])
  redis.call('ZREMRANGEBYSCORE', KEYS[2 * i], '-inf', now)
  local held = 0
  for _, member in ipairs(redis.call('ZRANGE', KEYS[2 * i], 0, -1)) do
    held = held + tonumber(string.match(member, ':(%d+)$'))
  end
  local spent = tonumber(redis.call('GET', KEYS[2 * i - 1]))
  local limit = tonumber(ARGV[base + 1])
  if spent >= limit or spent + held + amount > limit then
    return {i, spent, held}
  end
end
for i = 1, slots do
  redis.call('ZADD', KEYS[2 * i], now + tonumber(ARGV[3]), ARGV[2])
  redis.call('EXPIRE', KEYS[2 * i], ARGV[3 + 3 * (i - 1) + 3])
end
return {0}
`;

const SETTLE = `
for i = 1, #KEYS / 2 do
  redis.call('ZREM', KEYS[2 * i], ARGV[1])
  redis.call('INCRBY', KEYS[2 * i - 1], ARGV[2])
  redis.call('EXPIRE', KEYS[2 * i - 1], ARGV[2 + i])
end
return 0
`;

const READ = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local result = {}
for i = 1, #KEYS / 2 do
  local spent = tonumber(redis.call('GET', KEYS[2 * i - 1]) or ARGV[i])
  local held = 0
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2 * i], now, '+inf')) do
    held = held + tonumber(string.match(member, ':(%d+)$'))
  end
  result[2 * i - 1] = spent
  result[2 * i] = held
end
return result
`;

function keysOf(slots: BudgetSlot[]): string[] {
  return slots.flatMap((slot) => [`${PREFIX}${slot.id}:spent`, `${PREFIX}${slot.id}:held`]);
}

export interface RedisBudgetStoreOptions {
  url: string;
  seed: SeedSpend;
  /** How long a hold lives if its instance never settles it (crash). */
  holdMs: number;
  logger?: Logger;
}

/** Budget counters shared by every instance using this Redis, changed only by atomic Lua scripts. */
async function connect(options: RedisBudgetStoreOptions) {
  const { client } = await connectRedis(options.url, { logger: options.logger, purpose: "budget store" });
  return client;
}

type RedisClient = Awaited<ReturnType<typeof connect>>;

export function createRedisBudgetStore(options: RedisBudgetStoreOptions) {
  let client: RedisClient | undefined;
  const loading = connect(options).then((created) => {
    client = created;
    return created;
  });
  const connected = loading.then(
    (created) =>
      new Promise<void>((resolve) => {
        if (created.isReady) resolve();
        else created.once("ready", () => resolve());
      }),
  );

  /** The client, when it is connected and can answer now. */
  function live(): RedisClient {
    if (!client?.isReady) throw new Error("Redis is not connected");
    return client;
  }

  return {
    get isReady(): boolean {
      return client?.isReady ?? false;
    },
    /** Resolves once connected, or after `timeoutMs` (the gate then uses local counters until Redis is up). */
    async ready(timeoutMs = 2_000): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([connected, timeout]);
      clearTimeout(timer);
    },
    async reserve(slots: BudgetSlot[], amountNano: number, reservationId: string): Promise<Refusal | null> {
      const parameters = [String(amountNano), `${reservationId}:${amountNano}`, String(options.holdMs)];
      for (const slot of slots) {
        parameters.push(String(slot.limitNano), String(options.seed(slot)), String(keyTtlSeconds(slot)));
      }
      const reply = (await live().eval(RESERVE, { keys: keysOf(slots), arguments: parameters })) as number[];
      const index = reply[0] ?? 0;
      const slot = slots[index - 1];
      if (index === 0 || !slot) return null;
      return { slot, state: { spentNano: Number(reply[1]), reservedNano: Number(reply[2]) } };
    },
    async settle(
      slots: BudgetSlot[],
      amountNano: number,
      actualNano: number,
      reservationId: string,
    ): Promise<void> {
      const parameters = [
        `${reservationId}:${amountNano}`,
        String(actualNano),
        ...slots.map((slot) => String(keyTtlSeconds(slot))),
      ];
      await live().eval(SETTLE, { keys: keysOf(slots), arguments: parameters });
    },
    async read(slots: BudgetSlot[]): Promise<SlotState[]> {
      const reply = (await live().eval(READ, {
        keys: keysOf(slots),
        arguments: slots.map((slot) => String(options.seed(slot))),
      })) as number[];
      return slots.map((_, index) => ({
        spentNano: Number(reply[2 * index]),
        reservedNano: Number(reply[2 * index + 1]),
      }));
    },
    async close(): Promise<void> {
      const created = await loading;
      // A client still (re)connecting has nothing to flush: stop its retries outright.
      if (created.isReady) await created.close();
      else if (created.isOpen) created.destroy();
    },
  };
}

export type RedisBudgetStore = ReturnType<typeof createRedisBudgetStore>;
