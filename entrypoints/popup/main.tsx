import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup-app';
import '@/components/base.css';

createRoot(document.getElementById('root')!).render(<PopupApp />);
