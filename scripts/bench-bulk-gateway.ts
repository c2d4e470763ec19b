/**
 * The gateway process of the bulk export benchmark (`scripts/bench-bulk.ts` forks it):
 * starts the real gateway from the JSON config in `BENCH_GATEWAY_CONFIG`, reports its port
 * over IPC, and answers a `stats` message with its peak RSS (`process.resourceUsage`).
 */
import { parseConfig } from '../gateway/config/load.js';
import { createLogger } from '../gateway/logging/logger.js';
import { startGateway } from '../gateway/server.js';

const config = parseConfig(JSON.parse(process.env.BENCH_GATEWAY_CONFIG ?? '{}'));
const gateway = await startGateway(config, createLogger(config.logging.level));
process.send?.({ ready: gateway.url });

process.on('message', (message: { type?: string }) => {
  if (message.type === 'stats') {
    process.send?.({
      maxRssKb: process.resourceUsage().maxRSS,
      rssKb: Math.round(process.memoryUsage().rss / 1024),
    });
  }
  if (message.type === 'stop') void gateway.close().then(() => process.exit(0));
});
