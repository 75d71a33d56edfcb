/**
 * Short, stable digests of ids and content: the keys the state codec writes instead of long slugs
 * (SCORM 1.2 suspend_data has 4,096 characters, RTE 3.4.2.4), and the fingerprints that tell
 * whether a quiz pool or the whole course changed since progress was saved.
 *
 * FNV-1a (32 bit) written in base 36 and cut to `length` characters: the same text gives the same
 * digest on every build and every device. Collisions are possible, so the codec checks each set of
 * keys it writes and spells out in full any id whose key another id shares.
 */
export function digest(text: string, length = 4): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const space = 36 ** length;
  return (hash % space).toString(36).padStart(length, '0');
}
