// `npm start`: the portal's processes side by side, each prefixed with its name; when one
// exits, the others are stopped, so a crash is never hidden behind a half-running portal.
import concurrently from 'concurrently';

const processes = [
  { name: 'portal', command: 'backstage-cli repo start', prefixColor: 'blue' },
];

const { result } = concurrently(processes, {
  killOthersOn: ['failure', 'success'],
  prefix: 'name',
});

result.then(
  () => process.exit(0),
  () => process.exit(1),
);
