import {
  RemixiconComponentType,
  RiCheckboxCircleFill,
  RiCloseCircleFill,
  RiErrorWarningFill,
  RiLoopRightLine,
  RiQuestionFill,
} from '@remixicon/react';
import {
  HealthSeverity,
  KafkaHealth,
  KafkaOperator,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/** How a verdict looks: its word, its colour and its icon. */
export interface HealthPresentation {
  label: string;
  tone: 'success' | 'info' | 'neutral' | 'warning' | 'danger';
  Icon: RemixiconComponentType;
}

export const HEALTH_PRESENTATION: Record<KafkaHealth, HealthPresentation> = {
  healthy: { label: 'Healthy', tone: 'success', Icon: RiCheckboxCircleFill },
  progressing: { label: 'Progressing', tone: 'info', Icon: RiLoopRightLine },
  unknown: { label: 'Unknown', tone: 'neutral', Icon: RiQuestionFill },
  degraded: { label: 'Degraded', tone: 'warning', Icon: RiErrorWarningFill },
  unhealthy: { label: 'Unhealthy', tone: 'danger', Icon: RiCloseCircleFill },
};

export const SEVERITY_LABEL: Record<HealthSeverity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

export const OPERATOR_LABEL: Record<KafkaOperator, string> = {
  cfk: 'Confluent for Kubernetes',
  strimzi: 'Strimzi',
};
