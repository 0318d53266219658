/** A form's refusal in one line of red, announced at once. */
export function FormAlert({ className = "", children }: { className?: string; children: React.ReactNode }) {
  return <p role="alert" className={`rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300 ${className}`.trim()}>{children}</p>;
}
