import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signatureHeader } from '../../src/serve/signature.js';
import { utcDay } from '../../src/serve/landing-log.js';

const SCRM = join(process.cwd(), 'bin', 'scrm.js');

/** Runs `scrm serve` as a real process; resolves once it says where it listens. */
function startServe(args: string[], env: Record<string, string | undefined>, cwd: string) {
  const child = spawn(process.execPath, [SCRM, 'serve', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/u.exec(stdout);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`scrm serve exited with ${code}: ${stderr}`)));
  });
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe('scrm serve (the command)', () => {
  it('refuses to start without its secrets, naming the variables and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-serve-cli-'));
    const run = startServe(['--port', '0'], { SCRM_APP_SECRET: '', SCRM_VERIFY_TOKEN: 'tok-123' }, dir);
    run.listening.catch(() => undefined);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr.trim()).toBe(
      'scrm: config error: SCRM_APP_SECRET must be set in the environment (the receiver cannot verify deliveries without them)',
    );
  });

  it('listens on 127.0.0.1, lands a signed delivery under the configured landing dir, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-serve-cli-'));
    writeFileSync(join(dir, 'scrm.config.json'), JSON.stringify({ serve: { landing_dir: 'landed', webhook_path: '/hooks/wa' } }));
    const secret = 'cli-secret-9d2e';
    const run = startServe(['--port', '0'], { SCRM_APP_SECRET: secret, SCRM_VERIFY_TOKEN: 'cli-token-41' }, dir);
    const base = await run.listening;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const res = await fetch(`${base}/hooks/wa`, { method: 'POST', body, headers: { 'x-hub-signature-256': signatureHeader(body, secret) } });
    expect(res.status).toBe(200);
    expect(readFileSync(join(dir, 'landed', `webhooks-${utcDay(new Date())}.ndjson`), 'utf8')).toBe(`${body}\n`);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const { stdout, stderr } = run.output();
    expect(`${stdout}${stderr}`).not.toContain(secret);
  });
});
