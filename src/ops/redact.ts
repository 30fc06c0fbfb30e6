/** Removes the password of any `scheme://user:password@host` in a line (store URLs in errors). */
export function redactUrlPasswords(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi, '$1***@');
}
