// Phone numbers as people read and dial them. The API speaks E.164 (`+15555550101`).

/** `(555) 555-0101` for a North American number; anything else as it is. */
export function formatPhone(e164: string | null | undefined): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(String(e164 ?? ''));
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : String(e164 ?? '');
}

/** A `tel:` link for an E.164 number, or null for anything that is not one. */
export function telHref(e164: string | null | undefined): string | null {
  const value = String(e164 ?? '');
  return /^\+[1-9]\d{6,14}$/.test(value) ? `tel:${value}` : null;
}
