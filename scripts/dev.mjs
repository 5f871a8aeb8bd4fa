// `npm start`: the portal's processes side by side, each prefixed with its name. The Kubernetes
// sandbox comes first (the backend reads its CA and tokens at start); when one process exits,
// the others are stopped, so a crash is never hidden behind a half-running portal.
import concurrently from 'concurrently';

const adminPort = process.env.KUBE_SANDBOX_ADMIN_PORT || '6550';

const processes = [
  {
    name: 'sandbox',
    command: 'yarn workspace @k8s-kafka/kube-sandbox start',
    prefixColor: 'magenta',
  },
  {
    name: 'portal',
    command: `node scripts/wait-for-url.mjs http://127.0.0.1:${adminPort}/healthz && backstage-cli repo start {@}`,
    prefixColor: 'blue',
  },
];

const { result } = concurrently(processes, {
  // `npm start -- --config <file>` reaches the portal ({@}), quoted by concurrently.
  additionalArguments: process.argv.slice(2),
  killOthersOn: ['failure', 'success'],
  prefix: 'name',
});

result.then(
  () => process.exit(0),
  () => process.exit(1),
);
