import { RegisterPage } from './AuthPage';

export default RegisterPage;
