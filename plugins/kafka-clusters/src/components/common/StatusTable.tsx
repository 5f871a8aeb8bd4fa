import {
  ColumnConfig,
  Flex,
  SearchField,
  Select,
  SortDescriptor,
  Table,
  TableItem,
  useTable,
} from '@backstage/ui';
import {
  KafkaHealth,
  KAFKA_HEALTH_ORDER,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { memo, ReactNode, useCallback } from 'react';
import { HEALTH_PRESENTATION } from './health';

/** A column that can say how its rows sort. */
export interface StatusColumn<T extends TableItem> extends ColumnConfig<T> {
  sortValue?: (item: T) => string | number | undefined;
}

/** One drop-down filter over the rows. The option `all` (first) lets everything through. */
export interface StatusFilter<T> {
  id: string;
  label: string;
  options: { id: string; label: string }[];
  matches: (item: T, optionId: string) => boolean;
}

type FilterValues = Record<string, string>;

const ALL = 'all';

// useTable keeps its table props stable between keystrokes, so with the search debounced
// the rows re-render once per pause in typing, not once per key.
const MemoizedTable = memo(Table) as typeof Table;
const SEARCH_DEBOUNCE_MS = 150;
const NO_FILTERS: never[] = [];

/** Filters rows by verdict: all, not healthy, or one verdict. */
export function healthFilter<T>(
  health: (item: T) => KafkaHealth,
): StatusFilter<T> {
  return {
    id: 'health',
    label: 'Verdict',
    options: [
      { id: ALL, label: 'All verdicts' },
      { id: 'not-healthy', label: 'Not healthy' },
      ...KAFKA_HEALTH_ORDER.map(h => ({
        id: h,
        label: HEALTH_PRESENTATION[h].label,
      })),
    ],
    matches: (item, optionId) =>
      optionId === 'not-healthy'
        ? health(item) !== 'healthy'
        : health(item) === optionId,
  };
}

/** Sorts by verdict, worst first. */
export function healthSortValue(health: KafkaHealth): number {
  return KAFKA_HEALTH_ORDER.indexOf(health);
}

/**
 * A table of things with a state: sortable by column, filterable by text and drop-downs,
 * paginated so thousands of rows stay fast. Sorting, filters and the page survive new
 * `items` (a refresh) as long as the table stays mounted.
 */
export function StatusTable<T extends TableItem>(props: {
  /** What the rows are, plural and lower case (`topics`), for labels. */
  noun: string;
  items: T[];
  columns: StatusColumn<T>[];
  /** The text the search field matches, case-insensitively. */
  searchText: (item: T) => string;
  filters?: StatusFilter<T>[];
  initialSort?: SortDescriptor;
  pageSize?: number;
  emptyState?: ReactNode;
}) {
  const {
    noun,
    items,
    columns,
    searchText,
    filters = NO_FILTERS,
    initialSort,
    pageSize = 20,
    emptyState,
  } = props;

  const searchFn = useCallback(
    (data: T[], search: string) => {
      const needle = search.trim().toLocaleLowerCase();
      return needle
        ? data.filter(item =>
            searchText(item).toLocaleLowerCase().includes(needle),
          )
        : data;
    },
    [searchText],
  );
  const filterFn = useCallback(
    (data: T[], values: FilterValues) =>
      data.filter(item =>
        filters.every(f => {
          const value = values[f.id] ?? ALL;
          return value === ALL || f.matches(item, value);
        }),
      ),
    [filters],
  );
  const sortFn = useCallback(
    (data: T[], sort: SortDescriptor) => {
      const column = columns.find(c => c.id === sort.column);
      if (!column?.sortValue) return data;
      const value = column.sortValue;
      const sign = sort.direction === 'descending' ? -1 : 1;
      return [...data].sort((a, b) => {
        const left = value(a);
        const right = value(b);
        // Unknown values sort last in either direction, so gaps never crowd the top.
        if (left === undefined || right === undefined) {
          if (left === right) return 0;
          return left === undefined ? 1 : -1;
        }
        return sign * compareValues(left, right);
      });
    },
    [columns],
  );

  const { tableProps, search, filter } = useTable<T, FilterValues>({
    mode: 'complete',
    data: items,
    searchFn,
    filterFn,
    sortFn,
    initialSort,
    initialFilter: {},
    searchDebounceMs: SEARCH_DEBOUNCE_MS,
    paginationOptions: {
      pageSize,
      pageSizeOptions: [...new Set([pageSize, 50, 100])].sort((a, b) => a - b),
    },
  });

  return (
    <Flex direction="column" gap="3">
      <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
        <SearchField
          label={`Filter ${noun}`}
          value={search.value}
          onChange={search.onChange}
          size="small"
        />
        {filters.map(f => (
          <Select
            key={f.id}
            label={f.label}
            size="small"
            options={f.options}
            value={filter.value?.[f.id] ?? ALL}
            onChange={key =>
              filter.onChange({ ...filter.value, [f.id]: String(key ?? ALL) })
            }
          />
        ))}
      </Flex>
      <MemoizedTable
        {...tableProps}
        columnConfig={columns}
        emptyState={emptyState ?? `No ${noun} match.`}
      />
    </Flex>
  );
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
