import { ROLE_LABELS } from '@/lib/auth/accounts';
import type { Session } from '@/lib/auth/sessions';

/** Who is signed in, with what role, and the Sign out button (`signOut`: app/auth-actions.ts). */
export function SignedIn({ session, signOut }: { session: Session; signOut: () => Promise<void> }) {
  return (
    <form action={signOut} className="flex items-center gap-2">
      <span>
        {session.name} ({ROLE_LABELS[session.role]})
      </span>
      <button type="submit" className="underline underline-offset-2 hover:text-ink">
        Sign out
      </button>
    </form>
  );
}
