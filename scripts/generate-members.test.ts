import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { createMembershipBackend } from '../mock-backends/membership/index.js';

const run = promisify(execFile);
const SCRIPT = 'scripts/generate-members.ts';

async function generate(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', SCRIPT, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failure = err as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('scripts/generate-members.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'generate-members-'));
  const out = join(dir, 'nested', 'members.db');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a membership database the backend opens, and reports time and peak RSS', async () => {
    const result = await generate('--count', '40', '--seed', '3', '--out', out);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.match(/^40 members \(seed 3\) -> .+ in \d+\.\d s, peak RSS \d+ MB\n$/);
    expect(existsSync(`${out}.partial`)).to.equal(false);
    const backend = createMembershipBackend({ dbPath: out });
    expect(backend.population).to.deep.equal({ count: 40, seed: 3 });
    backend.close();
  });

  it('refuses to overwrite without --force, and rejects a bad count', async () => {
    const again = await generate('--count', '40', '--out', out);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.match(/exists; pass --force/);
    const bad = await generate('--count', '0', '--out', join(dir, 'other.db'));
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.match(/--count must be a positive integer/);
  });
});
