/** A CSS class for a run or activity status, tolerant of the exact words the host uses. */
export function statusClass(status: string | undefined): string {
  const s = (status ?? '').toLowerCase();
  if (s.includes('fault') || s.includes('fail') || s.includes('incident')) return 'status-faulted';
  if (s.includes('complet') || s.includes('succeed') || s === 'done') return 'status-completed';
  if (s.includes('cancel') || s.includes('skip') || s.includes('abort')) return 'status-cancelled';
  if (s.includes('suspend') || s.includes('wait') || s.includes('pending')) return 'status-suspended';
  if (s.includes('run') || s.includes('start') || s.includes('execut')) return 'status-running';
  return 'status-idle';
}
