import { createRoot } from 'react-dom/client';
import '../shared/styles/tokens.css';
import '../shared/styles/base.css';
import './console.css';
import { App } from './App';

const root = document.getElementById('app');
if (root) createRoot(root).render(<App />);
