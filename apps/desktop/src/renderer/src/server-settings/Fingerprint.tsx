/** `AB:CD:…` (32 pairs) in eight groups of four pairs, so it can be read aloud and compared group by group. */
export function fingerprintGroups(fingerprint: string): string[] {
  const pairs = fingerprint.split(':');
  const groups: string[] = [];
  for (let i = 0; i < pairs.length; i += 4) groups.push(pairs.slice(i, i + 4).join(':'));
  return groups;
}

/** A certificate fingerprint in monospace, grouped. */
export function Fingerprint({ value }: { readonly value: string }) {
  const groups = fingerprintGroups(value);
  return (
    <code className="fingerprint">
      {groups.map((group, i) => (
        // Spaces between the groups, so copying or reading it out keeps them apart.
        <span key={i} className="fingerprint-group">
          {group}
          {i < groups.length - 1 ? ' ' : ''}
        </span>
      ))}
    </code>
  );
}
