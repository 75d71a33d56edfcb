/** Entry of dist/results.html (see vite.config.ts): the item bank is inlined at build time. */
import { mount } from 'svelte';
import bank from 'virtual:item-bank';
import '../app.css';
import './tables.css';
import App from './App.svelte';

document.title = `Class results: ${bank.courseTitle}`;
mount(App, { target: document.getElementById('app')! });
