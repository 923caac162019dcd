import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import VirtualTableHarness from '../test/VirtualTableHarness.svelte';

type Item = { id: number; name: string };

const items: Item[] = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, name: `Person ${i + 1}` }));

function setup(rows: Item[] = items) {
  return render(VirtualTableHarness, { props: { rows } });
}

function dataRows() {
  return screen.getAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') !== '1');
}

describe('VirtualTable', () => {
  it('renders only a window of 10,000 rows, with table ARIA', () => {
    setup();
    const table = screen.getByRole('table', { name: 'People' });
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Number', 'Name']);
    const rows = dataRows();
    // 400px / 40px = 10 visible rows, plus 5 below.
    expect(rows.length).toBe(15);
    expect(rows[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect(rows[0]?.textContent).toContain('Person 1');
    expect(screen.queryByText('Person 500')).toBeNull();
  });

  it('keeps its row elements when the rows shrink, hidden, and fills them again', async () => {
    const { rerender, container } = setup();
    const before = dataRows();
    expect(before).toHaveLength(15);

    // A search that matches three rows, then none: the other slots are hidden, not gone.
    await rerender({ rows: items.slice(100, 103) });
    expect(dataRows().map((r) => r.textContent)).toEqual(['101Person 101', '102Person 102', '103Person 103']);
    await rerender({ rows: [] });
    expect(screen.queryAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') !== '1')).toHaveLength(0);
    const hidden = [...container.querySelectorAll<HTMLElement>('.body .row')];
    expect(hidden).toHaveLength(15);
    expect(hidden.every((r) => r.hidden)).toBe(true);
    expect(screen.queryByRole('button', { name: 'Person 101' })).toBeNull();

    // The search cleared: the same elements show the rows again.
    await rerender({ rows: items });
    const after = dataRows();
    expect(after).toHaveLength(15);
    expect(after.every((row, i) => row === before[i])).toBe(true);
    expect(after[0]?.textContent).toContain('Person 1');
    expect(after.every((r) => !r.hidden)).toBe(true);
  });

  it('renders the rows scrolled to', async () => {
    setup();
    const table = screen.getByRole('table');
    table.scrollTop = 5000 * 40;
    await fireEvent.scroll(table);
    const rows = dataRows();
    expect(rows.length).toBeLessThanOrEqual(25);
    const indexes = rows.map((r) => Number(r.getAttribute('aria-rowindex')));
    // Row 5001 (aria-rowindex 5002) is at the top of the view.
    expect(indexes).toContain(5002);
    expect(Math.min(...indexes)).toBe(5002 - 5);
    expect(screen.getByText('Person 5001')).toBeTruthy();
    expect(screen.queryByText('Person 1')).toBeNull();
  });

  it('scrolls with the keyboard', async () => {
    setup();
    const table = screen.getByRole('table');
    expect(table.tabIndex).toBe(0);
    await fireEvent.keyDown(table, { key: 'End' });
    expect(screen.getByText('Person 10000')).toBeTruthy();
    await fireEvent.keyDown(table, { key: 'Home' });
    expect(table.scrollTop).toBe(0);
    expect(screen.getByText('Person 1')).toBeTruthy();
    await fireEvent.keyDown(table, { key: 'PageDown' });
    expect(table.scrollTop).toBe(400 - 80);
    await fireEvent.keyDown(table, { key: 'ArrowDown' });
    expect(table.scrollTop).toBe(400 - 40);
  });

  it('follows new rows', async () => {
    const { rerender } = setup();
    await rerender({ rows: items.slice(0, 3) });
    expect(dataRows().map((r) => r.textContent)).toEqual(['1Person 1', '2Person 2', '3Person 3']);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('4');
  });

  it('never leaves the focus on a control of a row that is now someone else', async () => {
    const { rerender } = setup(items.slice(0, 20));
    const button = screen.getByRole('button', { name: 'Person 3' });
    button.focus();
    await fireEvent.focusIn(button);
    // The same rows, reloaded: the focus stays where it is.
    await rerender({ rows: items.slice(0, 20).map((r) => ({ ...r })) });
    expect(document.activeElement?.textContent).toBe('Person 3');
    // Person 3 filtered out: its place now shows Person 4; the focus goes back to the table.
    await rerender({ rows: items.slice(0, 20).filter((r) => r.id !== 3) });
    expect(screen.queryByRole('button', { name: 'Person 3' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('table'));
  });
});

describe('VirtualTable with rows of two lines', () => {
  it('places each cell on its line, all rows one height, in the columns’ order for assistive technology', () => {
    render(VirtualTableHarness, {
      props: {
        rows: items,
        lines: [
          ['id', 'name'],
          ['id', 'note'],
        ],
      },
    });
    const table = screen.getByRole('table', { name: 'People' });
    // Only the columns with a width are tracks; the note sits under the name.
    expect(table.style.getPropertyValue('--vt-columns')).toBe('6rem 1fr');
    expect(table.style.getPropertyValue('--vt-areas')).toBe('"id name" "id note"');
    expect(table.style.getPropertyValue('--vt-lines')).toBe('2');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Number', 'Name', 'Note']);
    const [first] = dataRows();
    const cells = [...first!.querySelectorAll<HTMLElement>('[role="cell"]')];
    expect(cells.map((c) => c.textContent)).toEqual(['1', 'Person 1', 'Note 1']);
    expect(cells.map((c) => c.style.getPropertyValue('grid-area'))).toEqual(['id', 'name', 'note']);
    // Across both lines, against the line below, against the line above.
    expect(cells.map((c) => [...c.classList].filter((k) => ['across', 'first', 'last'].includes(k)))).toEqual([
      ['across'],
      ['first'],
      ['last'],
    ]);
    // Still one fixed height a row: 400px shows 10 of them, plus 5 below.
    expect(dataRows()).toHaveLength(15);
  });
});
