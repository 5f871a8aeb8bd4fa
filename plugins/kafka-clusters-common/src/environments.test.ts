import { applySettingKey, matchesGlob } from './environments';

describe('matchesGlob', () => {
  it.each([
    ['team-a', 'team-*'],
    ['team-', 'team-*'],
    ['team-a', 'team-a'],
    ['team-a-dev', '*-dev'],
    ['anything', '*'],
  ])('%s matches %s', (name, glob) => {
    expect(matchesGlob(name, glob)).toBe(true);
  });

  it.each([
    ['teams', 'team-*'],
    ['my-team-a', 'team-*'],
    ['team-a2', 'team-a'],
    // Only `*` is special: a dot is a dot, not any character.
    ['teamxa', 'team.a'],
    ['team-a', ''],
  ])('%s does not match %s', (name, glob) => {
    expect(matchesGlob(name, glob)).toBe(false);
  });
});

describe('applySettingKey', () => {
  it('names the setting as app-config.yaml spells it', () => {
    expect(applySettingKey('dev')).toBe(
      'kafkaClusters.kubernetesClusters.dev.apply',
    );
    expect(applySettingKey('dev', 'namespaces')).toBe(
      'kafkaClusters.kubernetesClusters.dev.apply.namespaces',
    );
  });
});
