/** Database URLs may carry a password: never print or store it. */
export function redact(input: string): string {
  return input.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
