/**
 * What the tab needs to rejoin its session after a dropped connection or a reload:
 * the session id and, for the owner, the controller token. Kept per tab (sessionStorage),
 * so two tabs can be owner and viewer of the same session.
 */
export interface ResumeInfo {
  sessionId: string;
  token?: string;
}

const KEY = 'twin.session';

function store(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

let memory: ResumeInfo | null = null;

export function loadResume(): ResumeInfo | null {
  const raw = store()?.getItem(KEY);
  if (!raw) return memory;
  try {
    const v = JSON.parse(raw) as ResumeInfo;
    return typeof v.sessionId === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function saveResume(info: ResumeInfo | null): void {
  memory = info;
  const s = store();
  if (!s) return;
  if (info) s.setItem(KEY, JSON.stringify(info));
  else s.removeItem(KEY);
}
