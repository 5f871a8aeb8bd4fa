// `npm start`: the portal's processes side by side, each prefixed with its name. The Kubernetes
// sandbox comes first (the backend reads its CA and tokens at start); when one process exits,
// the others are stopped, so a crash is never hidden behind a half-running portal.
import concurrently from 'concurrently';

const adminPort = process.env.KUBE_SANDBOX_ADMIN_PORT || '6550';
// `npm start -- --config <file>` passes its arguments on to the portal, as `yarn start` would.
const quote = arg => `'${arg.replace(/'/g, `'\\''`)}'`;
const portalArgs = process.argv.slice(2).map(quote).join(' ');

const processes = [
  {
    name: 'sandbox',
    command: 'yarn workspace @k8s-kafka/kube-sandbox start',
    prefixColor: 'magenta',
  },
  {
    name: 'portal',
    command: `node scripts/wait-for-url.mjs http://127.0.0.1:${adminPort}/healthz && backstage-cli repo start ${portalArgs}`,
    prefixColor: 'blue',
  },
];

const { result } = concurrently(processes, {
  killOthersOn: ['failure', 'success'],
  prefix: 'name',
});

result.then(
  () => process.exit(0),
  () => process.exit(1),
);
