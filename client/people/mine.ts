/**
 * "Assigned to me": owners are free text (a threat's or mitigation's `owner`, up to 100 characters), and
 * the owner field offers the board's people by the name they joined with. So an item is mine when its
 * owner equals my display name, ignoring case, surrounding spaces and repeated inner spaces. A user id is
 * not stored, so exports stay readable; the price is that two people who joined with the same name share
 * their items, and renaming yourself on rejoin leaves the old name's items behind.
 */
export function ownerKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether `owner` names the person called `myName`. An empty name never matches. */
export function isMine(owner: unknown, myName: unknown): boolean {
  if (typeof owner !== 'string' || typeof myName !== 'string') return false;
  const mine = ownerKey(myName);
  return mine !== '' && ownerKey(owner) === mine;
}

/** How many of `items` are owned by `myName`. */
export function countMine(items: Iterable<{ owner: string }>, myName: string): number {
  let n = 0;
  for (const item of items) if (isMine(item.owner, myName)) n++;
  return n;
}
