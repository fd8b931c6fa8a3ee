import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { deleteObjectAction } from './(console)/delete-actions';
import { applySheetAction } from './(console)/sheet-actions';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Dirsync Console', template: '%s — Dirsync Console' },
  description: 'Exchange Server 5.5 Administrator for MS Mail directory synchronization, on an executable model.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0a246a',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers actions={{ applySheet: applySheetAction, deleteObject: deleteObjectAction }}>{children}</Providers>
      </body>
    </html>
  );
}
