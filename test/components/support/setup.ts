import { reset } from './taro'

// Testing Library unmounts after each test by itself; what the Taro stand-in recorded is cleared here.
beforeEach(reset)
