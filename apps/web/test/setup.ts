import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { clearApiCache } from '../src/api/useApi';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  clearApiCache();
  localStorage.clear();
  document.documentElement.lang = 'en';
  document.documentElement.dir = 'ltr';
});
