import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { manyTopics } from '../../__fixtures__/fleet';
import { TopicsTable } from './TopicsTable';

// Thousands of topics, as on a shared cluster: one failing among 5,000 healthy ones.
const topics = manyTopics(5000);

function rowNames() {
  return within(screen.getByRole('grid'))
    .getAllByRole('rowheader')
    .map(cell => cell.textContent);
}

describe('TopicsTable', () => {
  it('shows 5,000 topics a page at a time, the failing one first with its reason', async () => {
    await renderInTestApp(<TopicsTable topics={topics} />);
    expect(rowNames()).toHaveLength(20);
    expect(rowNames()[0]).toBe('events-dlq');
    expect(screen.getByText('1 - 20 of 5001')).toBeInTheDocument();
    const failing = screen.getByRole('row', { name: /events-dlq/ });
    expect(within(failing).getByText('Degraded')).toBeInTheDocument();
    expect(
      within(failing).getByText(
        'Replication factor 4 is larger than the number of brokers (3)',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /next/i }));
    expect(screen.getByText('21 - 40 of 5001')).toBeInTheDocument();
  });

  it('filters 5,000 topics by name', async () => {
    const user = userEvent.setup();
    await renderInTestApp(<TopicsTable topics={topics} />);
    await user.click(screen.getByRole('searchbox', { name: 'Filter topics' }));
    await user.paste('events-4321');
    await waitFor(() => expect(rowNames()).toEqual(['events-4321']));
    expect(screen.getByText('1 - 1 of 1')).toBeInTheDocument();
  });

  it('filters by verdict and sorts by a column', async () => {
    const user = userEvent.setup();
    await renderInTestApp(<TopicsTable topics={topics} />);

    await user.click(screen.getByRole('button', { name: /Verdict/ }));
    await user.click(screen.getByRole('option', { name: 'Not healthy' }));
    expect(rowNames()).toEqual(['events-dlq']);

    await user.click(screen.getByRole('button', { name: /Verdict/ }));
    await user.click(screen.getByRole('option', { name: 'All verdicts' }));
    await user.click(screen.getByRole('columnheader', { name: 'Topic' }));
    await user.click(screen.getByRole('columnheader', { name: 'Topic' }));
    expect(rowNames()[0]).toBe('events-dlq');
    expect(rowNames()[1]).toBe('events-4999');
  });
});
