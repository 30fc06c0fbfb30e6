// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The pure core never sees a network, a database, a clock or an adapter. */
const pureCore = {
  files: ['src/arabic/**/*.ts', 'src/digest/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['node:*'], message: 'arabic/ and digest/ are pure: no Node modules.' },
          {
            group: ['../sources/*', '../translate/*', '../store/*', '../schedule/*', '../bot/*'],
            message: 'arabic/ and digest/ may not import adapters or the application.',
          },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: 'The pure core never reads the clock: take time as a parameter.',
      },
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'The pure core never reads the clock: take time as a parameter.',
      },
    ],
  },
};

/**
 * The adapters and the scheduler sit below the bot and the wiring: they take ports (the send
 * port is src/schedule/ports.ts) and src/app fills them with bot's renderer and sender.
 */
const belowBot = {
  files: [
    'src/sources/**/*.ts',
    'src/translate/**/*.ts',
    'src/store/**/*.ts',
    'src/schedule/**/*.ts',
  ],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [
              '../bot',
              '../bot/*',
              '../../bot',
              '../../bot/*',
              '../app',
              '../app/*',
              '../../app',
              '../../app/*',
            ],
            message:
              'sources/, translate/, store/ and schedule/ may not import bot/ or app/: take a port and let src/app wire it.',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'data/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  pureCore,
  belowBot,
);
