/**
 * File ids for saved scenarios: a name as a person typed it ("Склад перед
 * укладкой +50 %") becomes an id that is safe as a file name on every system
 * ("sklad-pered-ukladkoy-50"). Cyrillic is transliterated (the simplified
 * passport-style scheme: ж → zh, х → kh, ц → ts, щ → shch), Latin accents are
 * dropped, anything else becomes a dash. Shared by the server, which decides, and
 * the client, which shows the id before saving.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
};

export const FILE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;
export const FILE_ID_MAX = 80;

/** The file id for a typed name; '' when nothing usable is left (the caller then generates one). */
export function fileIdFromName(name: string): string {
  const latin = [...name.trim()]
    .map((ch) => CYRILLIC[ch.toLowerCase()] ?? ch)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return latin
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, FILE_ID_MAX)
    .replace(/[-_]+$/, '')
    .toLowerCase();
}
