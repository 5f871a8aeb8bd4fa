import { Knex } from 'knex';

const TABLE = 'kafka_cluster_notification_episodes';

/**
 * Which Kafka clusters have an open notification episode, in the plugin's database: shared by
 * every replica of the backend, so one of them, whichever claims it first, tells the owners.
 * Claims and closes are single conditional statements, atomic in SQLite and PostgreSQL alike.
 */
export interface EpisodeStore {
  /** The Kafka clusters (`cluster/namespace/name`) whose episode is open. */
  open(): Promise<Set<string>>;
  /** Opens the cluster's episode; true for the one caller that opened it. */
  claim(ref: string): Promise<boolean>;
  /** Closes the cluster's episode; true for the one caller that closed it. */
  close(ref: string): Promise<boolean>;
}

export async function createEpisodeStore(db: Knex): Promise<EpisodeStore> {
  if (!(await db.schema.hasTable(TABLE))) {
    try {
      await db.schema.createTable(TABLE, table => {
        table.string('ref', 512).primary();
        table.string('state', 16).notNullable();
        // When the episode last opened or closed, for a person reading the table.
        table.dateTime('changed_at');
      });
    } catch (error) {
      // Another replica created it between the check and the create.
      if (!(await db.schema.hasTable(TABLE))) throw error;
    }
  }
  return {
    async open() {
      const rows = await db(TABLE).where({ state: 'open' }).select('ref');
      return new Set(rows.map(r => r.ref as string));
    },
    async claim(ref) {
      await db(TABLE)
        .insert({ ref, state: 'closed' })
        .onConflict('ref')
        .ignore();
      const changed = await db(TABLE)
        .where({ ref, state: 'closed' })
        .update({ state: 'open', changed_at: new Date() });
      return changed === 1;
    },
    async close(ref) {
      const changed = await db(TABLE)
        .where({ ref, state: 'open' })
        .update({ state: 'closed', changed_at: new Date() });
      return changed === 1;
    },
  };
}
