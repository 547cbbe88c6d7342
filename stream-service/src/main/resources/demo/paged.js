// A list that shows one page of its items at a time, so that 3,000 assignments stay one screen long.
// The owner hands it every item, in display order (newest first), whenever they change; the list
// keeps the page the reader chose. Items that arrive live while the reader is on a later page are not
// pushed under their eyes: a "N new" button counts them and leads back to the first page.

export class PagedList {
  // container: the element whose children are the items (a tbody, a ul); pageSize: items per page;
  // renderItem(item): the DOM node of one item; label: what the list holds, for assistive technology
  // and for the line shown while it is empty.
  constructor({ container, pageSize, renderItem, label }) {
    this.container = container;
    this.pageSize = pageSize;
    this.renderItem = renderItem;
    this.items = [];
    this.page = 0;
    this.fresh = 0;

    const host = container.closest('.table-scroll') || container.closest('table') || container;
    this.newButton = button('', 'pager-new', () => {
      this.page = 0;
      this.fresh = 0;
      this.show(this.items);
    });
    this.newButton.hidden = true;
    host.before(this.newButton);

    this.nav = document.createElement('nav');
    this.nav.className = 'pager';
    this.nav.setAttribute('aria-label', `${label} pages`);
    this.prev = button('‹ Newer', 'pager-prev', () => this.turn(-1));
    this.next = button('Older ›', 'pager-next', () => this.turn(1));
    this.range = document.createElement('span');
    this.range.className = 'pager-range';
    this.nav.append(this.prev, this.range, this.next);
    this.nav.hidden = true;
    host.after(this.nav);
    this.empty = document.createElement('p');
    this.empty.className = 'empty';
    this.empty.textContent = `No ${label.toLowerCase()} yet.`;
    host.after(this.empty);
  }

  // Counts items that arrived live; they wait behind the "N new" button unless page 1 is showing.
  arrived(count = 1) {
    if (this.page > 0) {
      this.fresh += count;
    }
  }

  // Shows the current page of `items` (the whole list, in display order).
  show(items) {
    this.items = items;
    const pages = Math.max(1, Math.ceil(items.length / this.pageSize));
    this.page = Math.min(this.page, pages - 1);
    if (this.page === 0) {
      this.fresh = 0;
    }
    const from = this.page * this.pageSize;
    const shown = items.slice(from, from + this.pageSize);
    this.container.replaceChildren(...shown.map(this.renderItem));
    this.nav.hidden = items.length <= this.pageSize;
    this.empty.hidden = items.length > 0;
    this.range.textContent = `${from + 1}–${from + shown.length} of ${items.length}`;
    this.prev.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
    this.newButton.hidden = this.fresh === 0;
    this.newButton.textContent = `${this.fresh} new`;
  }

  turn(by) {
    this.page += by;
    this.show(this.items);
  }
}

function button(text, className, onClick) {
  const node = document.createElement('button');
  node.type = 'button';
  node.textContent = text;
  node.className = className;
  node.addEventListener('click', onClick);
  return node;
}
