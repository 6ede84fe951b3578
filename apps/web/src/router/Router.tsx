import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { getLocationSnapshot, navigate, subscribeToLocation, type LocationSnapshot } from './history';

export function useLocation(): LocationSnapshot {
  return useSyncExternalStore(subscribeToLocation, getLocationSnapshot, getLocationSnapshot);
}

export function useSearchParams(): URLSearchParams {
  const { search } = useLocation();
  return new URLSearchParams(search);
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; replace?: boolean };

/** An ordinary <a> (so open-in-new-tab and copy-link work) that navigates in-app on a plain click. */
export function Link({ href, replace, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || !isPlainLeftClick(event) || rest.target || rest.download !== undefined) return;
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash, replace ? { replace } : {});
  }
  return <a href={href} onClick={handleClick} {...rest} />;
}
