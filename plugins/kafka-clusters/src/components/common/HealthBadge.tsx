import { KafkaHealth } from '@k8s-kafka/plugin-kafka-clusters-common';
import { HEALTH_PRESENTATION } from './health';
import styles from './HealthBadge.module.css';

/** A verdict as a coloured pill that always carries its word, so colour is never the only cue. */
export function HealthBadge(props: { health: KafkaHealth }) {
  const { label, tone, Icon } = HEALTH_PRESENTATION[props.health];
  return (
    <span className={styles.badge} data-tone={tone} data-health={props.health}>
      <Icon size={14} aria-hidden />
      {label}
    </span>
  );
}
