import { KafkaHealth } from '@k8s-kafka/plugin-kafka-clusters-common';
import { render, screen } from '@testing-library/react';
import { HealthBadge } from './HealthBadge';

describe('HealthBadge', () => {
  it.each<[KafkaHealth, string, string]>([
    ['healthy', 'Healthy', 'success'],
    ['progressing', 'Progressing', 'info'],
    ['unknown', 'Unknown', 'neutral'],
    ['degraded', 'Degraded', 'warning'],
    ['unhealthy', 'Unhealthy', 'danger'],
  ])('shows %s as the word "%s" on the %s colour', (health, word, tone) => {
    render(<HealthBadge health={health} />);
    const badge = screen.getByText(word);
    expect(badge).toHaveAttribute('data-tone', tone);
    // The icon is decoration: the word alone carries the verdict to assistive technology.
    expect(badge.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });
});
