import type { Command } from 'commander';
import { createReceiver } from '../../serve/receiver.js';
import { readServeSecrets } from '../../serve/secrets.js';
import { configFor, globalOptions } from '../context.js';

interface ServeOptions {
  host?: string;
  port?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('receive WhatsApp webhooks (signed, landed durably under data/landing/) and serve tracked links /l/<token>')
    .option('--host <host>', 'address to bind (default: serve.host, 127.0.0.1)')
    .option('--port <port>', 'port to listen on; 0 picks a free one (default: serve.port)')
    .action(async (options: ServeOptions, command: Command) => {
      const config = configFor(command);
      const port = options.port === undefined ? config.serve.port : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${options.port}: expected a port number 0-65535`);
      const host = options.host ?? config.serve.host;
      const receiver = createReceiver({
        secrets: readServeSecrets(),
        webhookPath: config.serve.webhook_path,
        landingDir: config.serve.landing_dir,
        linksFile: config.serve.links_file,
        maxBodyBytes: config.serve.max_body_bytes,
      });
      const address = await receiver.listen(port, host);
      const where = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
      if (globalOptions(command).json) console.log(JSON.stringify({ listening: where, webhook: config.serve.webhook_path, landing_dir: config.serve.landing_dir }));
      else console.log(`scrm serve: listening on ${where} (webhook ${config.serve.webhook_path}, links /l/<token>, landing ${config.serve.landing_dir})`);
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          console.log(`scrm serve: ${signal}, finishing writes in flight`);
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await receiver.close();
    });
}
