// `npm test`: type check, lint and every test runner, in that order. Each runner prints its
// own summary; the last line counts tests from the runners' JSON reports.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, '.reports');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

const jestReport = name => path.join(reports, `${name}.json`);
// Two cores run every package's suites side by side: Jest's 5 s default per test is a
// measure of load there, not of correctness. Speed is the benchmarks' business.
const testTimeout = '--testTimeout=60000';

const stages = [
  { name: 'type check', command: ['tsc'] },
  { name: 'lint', command: ['backstage-cli', 'repo', 'lint'] },
  { name: 'format', command: ['prettier', '--check', '.'] },
  {
    name: 'package tests',
    command: [
      'backstage-cli',
      'repo',
      'test',
      testTimeout,
      '--json',
      `--outputFile=${jestReport('packages')}`,
    ],
    report: jestReport('packages'),
  },
  {
    name: 'suite tests',
    command: [
      'yarn',
      'workspace',
      '@k8s-kafka/suite-tests',
      'test:suite',
      testTimeout,
      '--json',
      `--outputFile=${jestReport('suite')}`,
    ],
    report: jestReport('suite'),
  },
];

// Backstage's createMockDirectory() keeps its folders under CI (for inspection) and puts them
// in RUNNER_TEMP when set: one scratch folder for the run, removed when it ends.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-test-'));
const env = {
  ...process.env,
  CI: 'true',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
  RUNNER_TEMP: scratch,
};
const outcomes = [];
for (const stage of stages) {
  process.stdout.write(`\n=== ${stage.name}: ${stage.command.join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(stage.command[0], stage.command.slice(1), {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const ok = run.status === 0;
  outcomes.push({ ...stage, ok, seconds });
  process.stdout.write(
    `=== ${stage.name}: ${ok ? 'ok' : 'FAILED'} in ${seconds}s\n`,
  );
}

/** A runner's Jest JSON report, parsed; undefined when the runner wrote none. */
function readJest(file) {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Counts a Jest JSON report; a suite that failed without a failing test (it did not load) counts as one failure. */
function countJest(report) {
  const brokenSuites = report.testResults.filter(
    suite =>
      suite.status === 'failed' &&
      !suite.assertionResults.some(test => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenSuites,
  };
}

/**
 * The failed tests of a Jest JSON report with the head of each message, so the end of the
 * output (often all a CI log keeps) says why, not only how many.
 */
function failuresOf(report) {
  const plain = text => text.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = [];
  for (const suite of report.testResults) {
    const where = path.relative(root, suite.name);
    const failedTests = suite.assertionResults.filter(
      test => test.status === 'failed',
    );
    if (failedTests.length === 0 && suite.status === 'failed') {
      lines.push(`  ${where}: did not run`);
      lines.push(
        ...plain(suite.message ?? '')
          .split('\n')
          .filter(line => line.trim())
          .slice(0, 12)
          .map(line => `    ${line}`),
      );
    }
    for (const test of failedTests) {
      lines.push(`  ${where}: ${test.fullName}`);
      const message = plain(test.failureMessages.join('\n'))
        .split('\n')
        .filter(line => line.trim() && !/^\s+at /.test(line));
      // A page's text ends in what went wrong: keep the head and the tail of long messages.
      const kept =
        message.length > 40
          ? [...message.slice(0, 8), '    …', ...message.slice(-30)]
          : message;
      lines.push(...kept.map(line => `    ${line}`));
    }
  }
  return lines;
}

// Each report is read once, for its failures and its counts alike.
const jestOf = new Map(
  outcomes
    .filter(stage => stage.report)
    .map(stage => [stage, readJest(stage.report)]),
);

let passed = 0;
let failed = 0;
const failures = outcomes.flatMap(stage => {
  const report = jestOf.get(stage);
  return report ? failuresOf(report) : [];
});
if (failures.length > 0) {
  process.stdout.write(`\n=== failed tests\n${failures.join('\n')}\n`);
}
process.stdout.write('\n=== summary\n');
for (const stage of outcomes) {
  let line = `${stage.ok ? 'ok    ' : 'FAILED'} ${stage.name} (${
    stage.seconds
  }s)`;
  if (stage.report) {
    const report = jestOf.get(stage);
    if (report) {
      const counts = countJest(report);
      passed += counts.passed;
      failed += counts.failed;
      line += `: ${counts.passed} passed, ${counts.failed} failed`;
    } else {
      failed += 1;
      line += ': no report written, counted as 1 failed';
    }
  }
  process.stdout.write(`${line}\n`);
}
fs.rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = outcomes.every(stage => stage.ok) ? 0 : 1;
