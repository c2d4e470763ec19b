/**
 * Loaded before every test file (.mocharc.json). Tests never reach the network: any socket
 * to a non-loopback address fails loudly, so a test that would call the internet breaks.
 */
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string;
  const host =
    typeof first === 'object' && first !== null
      ? first.host
      : typeof args[1] === 'string'
        ? args[1]
        : undefined;
  const isIpc = typeof first === 'object' && first !== null && first.path !== undefined;
  if (!isIpc && host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`Test tried to reach the network (${host}); tests must stay on loopback`);
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
};
