export function createKafkaEnvironmentActions() {
  return [];
}
