export * from './pdf-text.js';
