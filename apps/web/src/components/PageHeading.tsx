import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated } from '../router/history';

/**
 * The page's h1. After an in-app navigation it takes focus, so screen readers announce the new page
 * and keyboard users continue from the top of the content instead of the old link's position.
 */
export function PageHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} id={id} className="page-heading">
      {children}
    </h1>
  );
}
