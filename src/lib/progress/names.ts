/**
 * The learner's name as a certificate shows it. LMSs send cmi.core.student_name (SCORM 1.2,
 * RTE 3.4.2.1.2) and cmi.learner_name (2004, RTE 4.2.13) as "Last, First" (Moodle writes
 * "lastname, firstname"); the certificate reads "First Last". A name without a comma is taken as
 * written; a trailing suffix ("Reyes, Daniel, Jr.") goes at the end.
 */
const SUFFIX = /^(jr|sr|ii|iii|iv|v)\.?$/i;

export function displayName(raw: string | null | undefined): string {
  const parts = (raw ?? '').split(',').map((p) => p.trim().replace(/\s+/g, ' ')).filter(Boolean);
  if (parts.length === 2) return `${parts[1]} ${parts[0]}`;
  if (parts.length === 3 && SUFFIX.test(parts[2]!)) return `${parts[1]} ${parts[0]} ${parts[2]}`;
  return parts.join(', ');
}
