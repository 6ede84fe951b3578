import { SignInPage } from './AuthPage';

export default SignInPage;
