import { matchesLabels, parseLabelSelector } from './labelSelector';

describe('label selectors', () => {
  const labels = {
    app: 'orders',
    tier: 'backend',
    'backstage.io/kubernetes-id': 'orders',
  };

  it.each([
    ['backstage.io/kubernetes-id=orders', true],
    ['app==orders,tier=backend', true],
    ['app!=orders', false],
    ['app!=payments', true],
    ['tier in (backend, frontend)', true],
    ['tier notin (backend)', false],
    ['app in (payments),tier', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['missing!=x', true],
  ])('%s → %p', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseLabelSelector('app in orders')).toThrow(
      "Cannot read the label selector requirement 'app in orders'",
    );
  });
});
