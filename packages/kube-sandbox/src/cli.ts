/* eslint-disable no-console */
import { runCli } from './runCli';

// The process entry point: `yarn workspace @k8s-kafka/kube-sandbox start`.
runCli(process.argv.slice(2), process.env, {
  log: console.log,
  warn: console.error,
}).then(
  run => {
    if (!run) return;
    const stop = () => {
      run.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
